import type { WorkflowDoc } from '@podflow/core';
import { toast } from '../ui/toasts';
import { useEditorStore } from '../store/editor-store';
import { useExecution, useRunStore, runUi, type DetailsTab } from './run-store';
import { executionLabel, FAILURE_LABEL, formatClock, shortPaths } from './run-format';
import { lastAttempt, TERMINAL_RUN, type ExecutionRun, type RunState } from './run-state';
import { StatusPill, Took } from './run-bits';
import { rerunFrom } from './run-controller';
import { focusNode } from './focus-node';
import { LogsTab } from './details/LogsTab';
import { AttemptsTab } from './details/AttemptsTab';
import { IoTab } from './details/IoTab';
import { ItemsTab } from './details/ItemsTab';
import styles from './ExecutionDetails.module.css';
import { cx } from '../ui/cx';
import runCss from './run.module.css';

/** The details of the selected execution: logs per container, attempts, inputs and outputs, a map's items. */
export function ExecutionDetails({ run, executionId }: { run: RunState; executionId: string }) {
  const e = useExecution(executionId);
  const runDoc = useRunStore((s) => s.runDoc);
  if (!e) return <div className={cx(runCss.runEmpty, 'faint')}>No execution {executionId} in this run.</div>;
  return <Details key={executionId} run={run} e={e} doc={runDoc} />;
}

function Details({ run, e, doc }: { run: RunState; e: ExecutionRun; doc: WorkflowDoc | null }) {
  const tab = useRunStore((s) => s.detailsTab);
  const isMap = e.items !== undefined;
  const tabs: { id: DetailsTab; label: string }[] = isMap
    ? [{ id: 'io', label: `Items (${e.items})` }]
    : [
        { id: 'logs', label: 'Logs' },
        { id: 'attempts', label: `Attempts (${e.attempts.length})` },
        { id: 'io', label: e.dynamic ? 'Sub-DAG, inputs & outputs' : 'Inputs & outputs' },
      ];
  const active = tabs.some((t) => t.id === tab) ? tab : tabs[0]!.id;
  const ended = TERMINAL_RUN.has(run.status);
  const canRerunFrom = ended && !e.parent;
  const inDraft = useEditorStore((s) => !!s.doc?.spec.nodes?.some((n) => n.id === e.nodeId));
  const reusedFrom = useRunStore((s) => s.record?.options?.reuseFrom?.runId);
  return (
    <div className={runCss.execDetails} data-testid="exec-details" data-execution={e.executionId}>
      <header className={runCss.execDetailsHeader}>
        <div className={runCss.execTitle}>
          <StatusPill status={e.status} label={executionLabel(e)} testId="exec-status" />
          <span className={cx(runCss.execTitleId, 'mono')}>{e.executionId}</span>
          {e.task && <span className="faint mono">{e.task}</span>}
          <span className={cx(styles.execTimes, 'faint')}>
            {e.startedAt !== undefined && <>started {formatClock(e.startedAt)} · </>}
            <Took start={e.startedAt} end={e.endedAt} running={e.status === 'running' || e.status === 'retrying'} />
            {e.status === 'cached' && (e.fromRun || reusedFrom ? <> reused from run {e.fromRun ?? reusedFrom}</> : <> from the output cache</>)}
          </span>
        </div>
        <div className={styles.execActions}>
          {inDraft && (
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => focusNode(e.nodeId)} title="Select this node on the canvas">
              Show on canvas
            </button>
          )}
          {canRerunFrom && (
            <>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => void rerunFrom(e.nodeId).catch((err: unknown) => toast((err as Error).message, 'error'))}
                title="Run the current draft again from this node: nodes upstream that did not change reuse this run's outputs"
                data-testid="rerun-from-node"
              >
                Re-run from here
              </button>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => runUi.openDialog({ mode: 'node', nodeId: e.nodeId, runId: run.runId })}
                title="Run this node with inputs typed in or taken from an earlier run"
                data-testid="run-node"
              >
                Run this node…
              </button>
            </>
          )}
        </div>
      </header>
      {e.status === 'failed' && <FailureCallout e={e} />}
      {e.status === 'skipped' && e.reason && <div className={cx(runCss.runCallout, runCss.neutral)}>Skipped: {e.reason}</div>}
      <div className={styles.runTabs} role="tablist">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={active === t.id} className={cx(runCss.runTab, active === t.id && runCss.active)} onClick={() => runUi.setDetailsTab(t.id)} data-testid={`details-tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div className={runCss.execDetailsBody}>
        {active === 'logs' && <LogsTab e={e} doc={doc} />}
        {active === 'attempts' && <AttemptsTab e={e} />}
        {active === 'io' && (isMap ? <ItemsTab e={e} run={run} doc={doc} /> : <IoTab e={e} run={run} doc={doc} />)}
      </div>
    </div>
  );
}

function FailureCallout({ e }: { e: ExecutionRun }) {
  const a = lastAttempt(e);
  const kind = e.kind ?? a?.kind;
  return (
    <div className={cx(runCss.runCallout, runCss.toned, 'tone-error')} data-testid="failure-callout">
      <div>
        <b>{kind ? FAILURE_LABEL[kind] : 'Failed'}</b>
        {a?.exitCode !== undefined && a.exitCode !== null && <> · exit code {a.exitCode}</>}
        {e.attempts.length > 1 && <> · after {e.attempts.length} attempts</>}
      </div>
      <div className={styles.runCalloutReason}>{e.reason ?? a?.reason}</div>
      {a && a.stderrTail.length > 0 && <pre className={styles.runCalloutStderr}>{a.stderrTail.map(shortPaths).join('\n')}</pre>}
    </div>
  );
}

