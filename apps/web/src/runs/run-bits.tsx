import { memo, useEffect, useState } from 'react';
import type { Json, NodeStatus, RunStatus } from '@podflow/core';
import { CheckIcon, HistoryIcon, XIcon } from '../ui/icons';
import { formatDuration, formatElapsed, STATUS_LABEL } from './run-format';
import styles from './run-bits.module.css';
import { cx } from '../ui/cx';
import runCss from './run.module.css';

/** Small pieces shared by the run UI: status icons and pills, a ticking clock, a JSON view. */

export type AnyStatus = NodeStatus | RunStatus;

export const StatusIcon = memo(function StatusIcon({ status, size = 12 }: { status: AnyStatus; size?: number }) {
  switch (status) {
    case 'running':
    case 'retrying':
      return <span className={cx(runCss.runSpin, `status-${status}`)} style={{ width: size, height: size }} aria-hidden="true" />;
    case 'succeeded':
      return <CheckIcon size={size} className={cx(styles.runIcon, 'status-succeeded')} />;
    case 'cached':
      return <HistoryIcon size={size} className={cx(styles.runIcon, 'status-cached')} />;
    case 'failed':
      return <XIcon size={size} className={cx(styles.runIcon, 'status-failed')} />;
    case 'cancelled':
      return <span className={cx(styles.runDot, 'status-cancelled')} style={{ width: size - 3, height: size - 3 }} aria-hidden="true" />;
    case 'skipped':
      return <span className={styles.runDash} style={{ width: size - 2 }} aria-hidden="true" />;
    case 'queued':
    default:
      return <span className={styles.runRing} style={{ width: size - 3, height: size - 3 }} aria-hidden="true" />;
  }
});

export function StatusPill({ status, label, testId }: { status: AnyStatus; label?: string; testId?: string }) {
  return (
    <span className={cx(styles.runPill, `status-${status}`)} data-status={status} data-testid={testId}>
      <StatusIcon status={status} size={11} />
      {label ?? STATUS_LABEL[status]}
    </span>
  );
}

/** Time since `since`, ticking every second while mounted. */
export function Elapsed({ since }: { since: number | undefined }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  if (since === undefined) return null;
  return (
    <span className={cx(styles.runElapsed, 'mono')} data-testid="elapsed">
      {formatElapsed(now - since)}
    </span>
  );
}

/** How long something took, or the ticking clock while it still runs. */
export function Took({ start, end, running }: { start: number | undefined; end: number | undefined; running: boolean }) {
  if (start === undefined) return null;
  if (running || end === undefined) return running ? <Elapsed since={start} /> : null;
  return <span className={cx(styles.runElapsed, 'mono')}>{formatDuration(end - start)}</span>;
}

export function JsonView({ value, testId, empty = 'Nothing' }: { value: Json | undefined; testId?: string; empty?: string }) {
  if (value === undefined) return <div className={cx(runCss.runJson, runCss.empty, 'faint')}>{empty}</div>;
  return (
    <pre className={runCss.runJson} data-testid={testId}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
