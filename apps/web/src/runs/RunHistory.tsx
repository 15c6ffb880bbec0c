import { useInfiniteQuery } from '@tanstack/react-query';
import { useEditorStore } from '../store/editor-store';
import { HistoryIcon } from '../ui/icons';
import { formatWhen } from '../workflows/format-when';
import { runsApi } from './runs-api';
import { openRun, runsQueryKey } from './run-controller';
import { useRunStore } from './run-store';
import { formatClock, formatDuration, shortRunId } from './run-format';
import { StatusPill } from './run-bits';
import styles from './RunHistory.module.css';
import { cx } from '../ui/cx';
import runCss from './run.module.css';

/**
 * The workflow's runs, newest first: status, start, duration, version and executor. Opening one shows it on the canvas
 * as the version it ran, read-only (even when the workflow changed since), with its statuses, logs and outputs.
 */
export function RunHistory() {
  const workflowId = useEditorStore((s) => s.workflowId);
  const shown = useRunStore((s) => s.run?.runId);
  const q = useInfiniteQuery({
    queryKey: runsQueryKey(workflowId),
    enabled: workflowId !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => runsApi.list({ workflowId: workflowId!, limit: 50, ...(pageParam ? { before: pageParam } : {}) }),
    getNextPageParam: (last) => last.next,
    staleTime: 0,
  });
  const runs = q.data?.pages.flatMap((p) => p.runs) ?? [];
  if (q.isLoading) {
    return (
      <div className={runCss.runEmpty}>
        <span className="spinner" /> Loading runs…
      </div>
    );
  }
  if (q.isError) return <div className={cx(runCss.runEmpty, 'field-error')}>{(q.error as Error).message}</div>;
  if (runs.length === 0) {
    return (
      <div className={cx(runCss.runEmpty, 'faint')} data-testid="history-empty">
        <HistoryIcon size={16} /> No runs of this workflow yet.
      </div>
    );
  }
  return (
    <div className={styles.runHistory}>
      <table className={cx(runCss.runTable, styles.historyTable)} data-testid="run-history">
        <thead>
          <tr>
            <th>Status</th>
            <th>Run</th>
            <th>Started</th>
            <th>Duration</th>
            <th>Version</th>
            <th>Executor</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const start = r.startedAt ?? r.createdAt;
            const duration = r.endedAt && r.startedAt ? Date.parse(r.endedAt) - Date.parse(r.startedAt) : undefined;
            return (
              <tr
                key={r.id}
                className={cx(runCss.clickable, r.id === shown && runCss.selected)}
                onClick={() => openRun(r.id, { readonly: true })}
                data-testid={`history-${r.id}`}
                data-status={r.status}
                title="Open this run on the canvas, as the version it ran"
              >
                <td>
                  <StatusPill status={r.status} />
                </td>
                <td className="mono">{shortRunId(r.id)}</td>
                <td title={start}>
                  {formatClock(start)} <span className="faint">· {formatWhen(start)}</span>
                </td>
                <td className="mono">{duration !== undefined ? formatDuration(duration) : r.status === 'running' || r.status === 'queued' ? '…' : '—'}</td>
                <td>
                  <span className={runCss.versionChip}>v{r.version}</span>
                </td>
                <td>{r.executor}</td>
                <td className={styles.historyResult}>{r.error ? <span className="bad">{r.error}</span> : r.outputs ? <span className="mono">{JSON.stringify(r.outputs)}</span> : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {q.hasNextPage && (
        <button type="button" className="btn btn-sm" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {q.isFetchingNextPage ? 'Loading…' : 'Older runs'}
        </button>
      )}
    </div>
  );
}
