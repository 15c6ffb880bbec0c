import { FAILURE_LABEL, formatClock, formatDuration } from '../run-format';
import type { ExecutionRun } from '../run-state';
import { StatusPill, Took } from '../run-bits';
import styles from './AttemptsTab.module.css';
import runCss from '../run.module.css';
import { cx } from '../../ui/cx';

export function AttemptsTab({ e }: { e: ExecutionRun }) {
  if (e.attempts.length === 0) return <div className={cx(runCss.runEmpty, 'faint')}>No attempts: {e.status === 'cached' ? 'the outputs were reused.' : 'no pod ran.'}</div>;
  return (
    <table className={runCss.runTable} data-testid="attempts-table">
      <thead>
        <tr>
          <th>Attempt</th>
          <th>Status</th>
          <th>Started</th>
          <th>Ended</th>
          <th>Took</th>
          <th>Exit code</th>
          <th>Containers</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {e.attempts.map((a) => (
          <tr key={a.attempt} data-testid={`attempt-${a.attempt}`} data-status={a.status}>
            <td>
              #{a.attempt + 1}
              <div className={cx('faint', 'mono', runCss.smallText)} title="Pod name">
                {a.podName}
              </div>
            </td>
            <td>
              <StatusPill status={a.status} />
            </td>
            <td className="mono">{formatClock(a.startedAt)}</td>
            <td className="mono">{a.endedAt !== undefined ? formatClock(a.endedAt) : '—'}</td>
            <td className="mono">{a.endedAt !== undefined ? formatDuration(a.endedAt - a.startedAt) : <Took start={a.startedAt} end={undefined} running />}</td>
            <td className="mono">{a.exitCode ?? '—'}</td>
            <td>
              {a.containers.map((c) => (
                <div key={c.name} className={cx('mono', runCss.smallText)}>
                  {c.name}: {c.state === 'terminated' ? `exit ${c.exitCode ?? '?'}${c.reason ? ` (${c.reason})` : ''}` : 'running'}
                </div>
              ))}
            </td>
            <td className={styles.attemptReason}>{a.reason ? <>{a.kind && a.kind !== 'error' ? `${FAILURE_LABEL[a.kind]}: ` : ''}{a.reason}</> : a.status === 'succeeded' ? '—' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
