import { memo } from 'react';
import type { NodeStatus } from '@podflow/core';
import { useExecution, useRunStore, runUi } from './run-store';
import { executionLabel, failureSummary, FAILURE_LABEL, shortPaths } from './run-format';
import { lastAttempt, type ExecutionRun } from './run-state';
import { StatusIcon, Took } from './run-bits';
import { LayersIcon } from '../ui/icons';
import { toast } from '../ui/toasts';
import { rerunFrom } from './run-controller';
import styles from './NodeRunStatus.module.css';
import { useCanvasOverlays } from '../canvas/canvas-overlays';
import { cx } from '../ui/cx';

/**
 * A node's part of the shown run, at the bottom of the node on the canvas: its status (with the elapsed time while it
 * runs, "retrying n/N" while a retry runs), a map node's items done/failed/total, a dynamic node's calls, and why a
 * node failed (kind, exit code, the last lines of stderr). Reads only its own execution from the run store.
 */
export const NodeRunStatus = memo(function NodeRunStatus({ nodeId }: { nodeId: string }) {
  const shown = useExecution(nodeId);
  const e = useCanvasOverlays().runStatus ? shown : undefined; // not on a canvas of another version
  // A re-run's reused nodes end `cached` without naming the run; the run's options do.
  const reusedFrom = useRunStore((s) => s.record?.options?.reuseFrom?.runId);
  if (!e) return null;
  const running = e.status === 'running' || e.status === 'retrying';
  const open = (tab?: 'logs' | 'attempts' | 'io') => runUi.select(nodeId, tab);
  return (
    <div className={cx(styles.nodeRun, `status-${e.status}`)} data-testid="node-run" data-status={e.status}>
      <button type="button" className={cx(styles.nodeRunLine, 'nodrag', 'nopan')} onClick={() => open()} title="Show the details in the run panel">
        <StatusIcon status={e.status} />
        <span className={styles.nodeRunLabel} data-testid="node-run-label">
          {executionLabel(e)}
        </span>
        {e.status === 'cached' && <span className={styles.nodeRunNote}>{e.fromRun || reusedFrom ? 'reused from an earlier run' : 'from the output cache'}</span>}
        {e.status === 'skipped' && e.reason && (
          <span className={styles.nodeRunNote} title={e.reason}>
            {e.reason}
          </span>
        )}
        {running && e.reason && (
          // Live, from the cluster's Events: why the pod is not running yet (FailedScheduling, FailedMount…)
          <span className={cx(styles.nodeRunNote, styles.waiting)} title={e.reason} data-testid="node-run-waiting">
            {e.reason}
          </span>
        )}
        <span className={styles.nodeRunSpacer} />
        <Took start={e.startedAt} end={e.endedAt} running={running} />
      </button>
      {e.items !== undefined && <MapProgress e={e} />}
      {e.dynamic && <DynamicCalls e={e} />}
      {e.status === 'failed' && <Failure e={e} />}
    </div>
  );
});

function MapProgress({ e }: { e: ExecutionRun }) {
  const total = e.items ?? 0;
  const c = e.itemCounts ?? {};
  const done = (c.succeeded ?? 0) + (c.cached ?? 0);
  const failed = c.failed ?? 0;
  const running = (c.running ?? 0) + (c.retrying ?? 0);
  const pct = (n: number) => (total ? `${(n / total) * 100}%` : '0%');
  return (
    <button
      type="button"
      className={cx(styles.nodeRunMap, 'nodrag', 'nopan')}
      data-testid="node-run-items"
      onClick={() => {
        runUi.toggleExpanded(e.executionId, true);
        runUi.select(e.executionId, 'io');
      }}
      title="List the items in the run panel"
    >
      <span className={styles.mapBar} aria-hidden="true">
        <span className={cx(styles.seg, styles.ok)} style={{ width: pct(done) }} />
        <span className={cx(styles.seg, 'bad')} style={{ width: pct(failed) }} />
        <span className={cx(styles.seg, styles.run)} style={{ width: pct(running) }} />
      </span>
      <span className={styles.mapCounts}>
        <LayersIcon size={11} /> <b>{done}</b> done · <b className={failed ? 'bad' : ''}>{failed}</b> failed · <b>{total}</b> items
      </span>
    </button>
  );
}

function DynamicCalls({ e }: { e: ExecutionRun }) {
  const calls = e.dynamic?.nodes ?? [];
  const shown = calls.slice(0, 6);
  return (
    <ul className={styles.nodeRunCalls} data-testid="node-run-calls" aria-label="Calls of the sub-DAG">
      {shown.map((call) => {
        const id = `${e.executionId}/${call.id}`;
        const status: NodeStatus = e.childStatus?.[id] ?? 'queued';
        return (
          <li key={call.id}>
            <button type="button" className="nodrag nopan" onClick={() => runUi.select(id)} data-testid={`node-run-call-${call.id}`} data-status={status}>
              <StatusIcon status={status} size={11} />
              <span className="mono">{call.id}</span>
              {call.task !== call.id && <span className="faint mono">{call.task}</span>}
            </button>
          </li>
        );
      })}
      {calls.length > shown.length && <li className="faint">+{calls.length - shown.length} more</li>}
    </ul>
  );
}

function Failure({ e }: { e: ExecutionRun }) {
  const attempt = lastAttempt(e);
  const kind = e.kind ?? attempt?.kind;
  // The last lines of stderr, with file paths cut to their names (a traceback's temp directories say nothing).
  const tail = (attempt?.stderrTail ?? []).slice(-3).map(shortPaths);
  const runEnded = useRunStore((s) => s.run !== null && (s.run.status === 'failed' || s.run.status === 'cancelled' || s.run.status === 'succeeded'));
  return (
    <div className={styles.nodeRunFailure} data-testid="node-run-failure">
      <div className={styles.nodeRunReason} title={failureSummary(e)}>
        {kind && kind !== 'error' && <b>{FAILURE_LABEL[kind]}. </b>}
        {attempt?.exitCode !== undefined && attempt.exitCode !== null && attempt.exitCode !== 0 && <b>Exit code {attempt.exitCode}. </b>}
        {e.reason ?? attempt?.reason}
      </div>
      {tail.length > 0 && (
        <div className={styles.nodeRunStderr} aria-label="Last lines of stderr">
          {tail.map((l, i) => (
            <div key={i}>{l}</div>
          ))}
        </div>
      )}
      {runEnded && !e.parent && (
        <button
          type="button"
          className={cx(styles.nodeRunAction, 'nodrag', 'nopan')}
          onClick={() => void rerunFrom(e.nodeId).catch((err: unknown) => toast((err as Error).message, 'error'))}
          title="Run this node and everything downstream again, reusing the outputs of the nodes upstream"
          data-testid="node-rerun-from"
        >
          Re-run from here
        </button>
      )}
    </div>
  );
}
