import { lazy, Suspense, useEffect } from 'react';
import type { Json } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';
import { useDiagnostics } from '../problems/diagnostics-store';
import { AlertTriangleIcon, ChevronDownIcon, ErrorIcon, PlayIcon, XIcon } from '../ui/icons';
import { useRunStore, runUi } from './run-store';
import { TERMINAL_RUN, type RunState } from './run-state';
import { backToDraft, cancelRun, closeRun, rerun, showVersion } from './run-controller';
import { formatClock, shortRunId, STATUS_LABEL } from './run-format';
import { JsonView, StatusIcon, StatusPill, Took } from './run-bits';
import { ExecutionList } from './ExecutionList';
import { RunHistory } from './RunHistory';
import { RunDialog } from './RunDialog';
import problemStyles from '../problems/ProblemsPanel.module.css';
import { cx } from '../ui/cx';
import styles from './RunPanel.module.css';
import runCss from './run.module.css';

// An execution's details (its logs windowed by @tanstack/react-virtual) load when one is first selected.
const ExecutionDetails = lazy(() => import('./ExecutionDetails').then((m) => ({ default: m.ExecutionDetails })));

/**
 * The run tab of the bottom panel (beside Problems): the shown run's executions with their details, or the
 * workflow's run history; cancel, re-run, and the way between the run's version and the draft.
 */
export function RunPanel() {
  const run = useRunStore((s) => s.run);
  const view = useRunStore((s) => s.panelView);
  const selected = useRunStore((s) => s.selected);
  useFollowCanvasSelection();
  return (
    <section
      className={cx(problemStyles.problems, runCss.runPanel)}
      aria-label="Run"
      data-testid="run-panel"
      data-run-id={run?.runId}
      data-run-status={run?.status}
      data-last-seq={run?.lastSeq}
      data-event-count={run?.eventCount}
    >
      <header className={cx(problemStyles.problemsHeader, runCss.runPanelHeader)}>
        <div className={problemStyles.bottomTabs}>
          <button className={problemStyles.problemsToggle} onClick={() => runUi.setBottomTab('problems')} title="Show problems" data-testid="problems-tab">
            <ChevronDownIcon size={14} className={problemStyles.rotate} />
            <span className={problemStyles.problemsTitle}>Problems</span>
            <ProblemCounts />
          </button>
          <RunTabButton active />
        </div>
        <div className="segmented" role="tablist" aria-label="Run panel view">
          <button role="tab" aria-selected={view === 'run'} className={view === 'run' ? 'active' : ''} onClick={() => runUi.setPanelView('run')} disabled={!run} data-testid="view-run">
            This run
          </button>
          <button role="tab" aria-selected={view === 'history'} className={view === 'history' ? 'active' : ''} onClick={() => runUi.setPanelView('history')} data-testid="view-history">
            History
          </button>
        </div>
        {run && <RunSummary run={run} />}
        <span className={styles.runHeaderSpacer} />
        {run && <RunActions run={run} />}
        <button className="icon-btn sm" onClick={() => runUi.setBottomTab('problems')} aria-label="Hide the run panel" title="Hide the run panel">
          <ChevronDownIcon size={14} />
        </button>
      </header>
      <div className={styles.runPanelBody}>
        {view === 'history' || !run ? (
          <RunHistory />
        ) : (
          <div className={styles.runSplit}>
            <ExecutionList run={run} />
            {selected === null ? (
              <RunOverview run={run} />
            ) : (
              <Suspense fallback={<div className={cx(runCss.runEmpty, 'faint')}>Loading…</div>}>
                <ExecutionDetails run={run} executionId={selected} />
              </Suspense>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function ProblemCounts() {
  const totals = useDiagnostics((s) => s.totals);
  return (
    <span className={problemStyles.problemCounts}>
      <span className={cx(problemStyles.countPill, 'tone-error', !totals.errors && problemStyles.zero)} title="Errors">
        <ErrorIcon size={12} /> {totals.errors}
      </span>
      <span className={cx(problemStyles.countPill, 'tone-warning', !totals.warnings && problemStyles.zero)} title="Warnings">
        <AlertTriangleIcon size={12} /> {totals.warnings}
      </span>
    </span>
  );
}

/** The "Run" tab of the bottom panel, with the shown run's status (mounted in the Problems header as well). */
export function RunTabButton({ active = false }: { active?: boolean }) {
  const status = useRunStore((s) => s.run?.status);
  const failed = useRunStore((s) => (s.run ? s.run.status === 'failed' : false));
  return (
    <button
      className={cx(problemStyles.problemsToggle, problemStyles.bottomTab, active && problemStyles.active)}
      onClick={() => runUi.setBottomTab('run')}
      aria-pressed={active}
      title="Runs: live status, logs, history"
      data-testid="run-tab"
    >
      <PlayIcon size={11} />
      <span className={problemStyles.problemsTitle}>Run</span>
      {status && (
        <span className={cx(styles.runTabStatus, `status-${status}`)} data-testid="run-tab-status">
          <StatusIcon status={status} size={11} />
          {failed ? 'failed' : STATUS_LABEL[status].toLowerCase()}
        </span>
      )}
    </button>
  );
}

function RunSummary({ run }: { run: RunState }) {
  const record = useRunStore((s) => s.record);
  const stream = useRunStore((s) => s.stream);
  const version = run.version ?? record?.version;
  return (
    <div className={runCss.runSummary} data-testid="run-summary" title={`${run.runId}${version !== undefined ? `, version ${version}` : ''}, ${run.executor ?? record?.executor ?? ''}`}>
      <span className="mono">run {shortRunId(run.runId)}</span>
      {version !== undefined && <span className={runCss.versionChip}>v{version}</span>}
      {run.startedAt !== undefined && <span className="faint">{formatClock(run.startedAt)}</span>}
      <Took start={run.startedAt} end={run.endedAt} running={run.status === 'running'} />
      {stream === 'reconnecting' && <span className={cx(styles.runStream, styles.warn)}>reconnecting…</span>}
      {stream === 'connecting' && <span className={styles.runStream}>connecting…</span>}
    </div>
  );
}

function RunActions({ run }: { run: RunState }) {
  const cancelling = useRunStore((s) => s.cancelling);
  const readonly = useRunStore((s) => s.readonly);
  const hasDoc = useRunStore((s) => s.runDoc !== null);
  const ended = TERMINAL_RUN.has(run.status);
  return (
    <div className={styles.runActions}>
      {!ended && (
        <button className={cx('btn', 'btn-sm', styles.btnDangerSoft)} onClick={() => void cancelRun()} disabled={cancelling} data-testid="cancel-run">
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
      {ended && (
        <button className="btn btn-sm" onClick={() => void rerun()} title="Run the current draft again with this run's inputs and executor" data-testid="rerun">
          Re-run
        </button>
      )}
      {readonly ? (
        <button className="btn btn-sm btn-primary" onClick={backToDraft} data-testid="back-to-draft-panel">
          Back to draft
        </button>
      ) : (
        <button className="btn btn-sm btn-ghost" onClick={showVersion} disabled={!hasDoc} title="Show the workflow as this run ran it (its version, read-only)" data-testid="show-version">
          As run{run.version !== undefined ? ` (v${run.version})` : ''}
        </button>
      )}
      <button className="icon-btn sm" onClick={() => closeRun()} aria-label="Close this run" title="Close this run (statuses leave the canvas)" data-testid="close-run">
        <XIcon size={13} />
      </button>
    </div>
  );
}

function RunOverview({ run }: { run: RunState }) {
  const record = useRunStore((s) => s.record);
  const reuse = record?.options?.reuseFrom;
  const k8s = record?.options?.kubernetes;
  return (
    <div className={runCss.execDetails} data-testid="run-overview">
      <header className={runCss.execDetailsHeader}>
        <div className={runCss.execTitle}>
          <StatusPill status={run.status} />
          <span className={cx(runCss.execTitleId, 'mono')}>{run.runId}</span>
          <span className="faint">
            {run.workflow}
            {run.version !== undefined && ` · version ${run.version}`} · {run.executor ?? record?.executor}
            {k8s?.context && ` · context ${k8s.context}`}
            {k8s?.namespace && ` · namespace ${k8s.namespace}`}
          </span>
        </div>
      </header>
      {reuse && (
        <div className={cx(runCss.runCallout, runCss.neutral)}>
          Re-run of run <span className="mono">{reuse.runId}</span>
          {reuse.fromNode && (
            <>
              {' '}
              from node <span className="mono">{reuse.fromNode}</span>
            </>
          )}
          : unchanged upstream nodes reused its outputs.
        </div>
      )}
      {run.status === 'failed' && run.error && (
        <div className={cx(runCss.runCallout, runCss.toned, 'tone-error')} data-testid="run-error">
          {run.error}
        </div>
      )}
      {run.status === 'cancelled' && <div className={cx(runCss.runCallout, runCss.neutral)}>Cancelled{run.error ? `: ${run.error}` : ''}.</div>}
      <div className={runCss.execDetailsBody}>
        <div className={runCss.ioGrid}>
          <section className={runCss.ioSection}>
            <h4>Inputs</h4>
            <JsonView value={(run.inputs ?? record?.inputs) as Json | undefined} testId="run-inputs" empty="Loading…" />
          </section>
          <section className={runCss.ioSection}>
            <h4>Outputs</h4>
            {run.outputs ? (
              <div className={styles.runOutputs} data-testid="run-outputs">
                {Object.entries(run.outputs).map(([name, value]) => (
                  <div key={name} className="run-output">
                    <span className={cx(styles.runOutputName, 'mono')}>{name}</span>
                    <pre className={runCss.runJson} data-testid={`run-output-${name}`}>
                      {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
                    </pre>
                  </div>
                ))}
              </div>
            ) : (
              <div className={cx(runCss.runJson, runCss.empty, 'faint')}>{TERMINAL_RUN.has(run.status) ? 'None.' : 'When the run succeeds.'}</div>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

/** A node picked on the draft's canvas shows its details here (when the run has it). */
function useFollowCanvasSelection(): void {
  useEffect(
    () =>
      useEditorStore.subscribe((s, p) => {
        if (s.selection.ids === p.selection.ids || s.selection.ids.length !== 1) return;
        const id = s.selection.ids[0]!;
        const { run, selected, readonly } = useRunStore.getState();
        if (readonly || !run?.executions[id]) return;
        if (selected && (selected === id || selected.startsWith(`${id}[`) || selected.startsWith(`${id}/`))) return;
        useRunStore.setState({ selected: id });
      }),
    [],
  );
}

/** Opens the run dialog (the header's Run button). */
export function RunButton() {
  const workflowId = useEditorStore((s) => s.workflowId);
  const running = useRunStore((s) => s.run !== null && !TERMINAL_RUN.has(s.run.status));
  return (
    <>
    <button className="btn btn-sm btn-primary" disabled={!workflowId} onClick={() => runUi.openDialog({ mode: 'run' })} title={running ? 'A run is in progress; start another' : 'Run this workflow'} data-testid="run-button">
      {running ? <span className={cx(runCss.runSpin, runCss.onAccent)} style={{ width: 11, height: 11 }} /> : <PlayIcon size={13} />} Run
    </button>
    <RunDialog />
    </>
  );
}
