import { useMemo, useState } from 'react';
import { findTask, primaryContainerNameOf, REQUIREMENTS_CONTAINER, type WorkflowDoc } from '@podflow/core';
import { containersOf } from '../../canvas/node-view';
import { useRunStore } from '../run-store';
import { lastAttempt, type AttemptRun, type ExecutionRun } from '../run-state';
import { StatusIcon } from '../run-bits';
import { LogViewer } from '../LogViewer';
import styles from './LogsTab.module.css';
import runCss from '../run.module.css';
import { cx } from '../../ui/cx';

interface ContainerChip {
  name: string;
  role: 'primary' | 'sidecar' | 'init';
  state?: 'running' | 'terminated';
  exitCode?: number | null;
  reason?: string;
}

/** The attempt's containers with their role: init containers first, then the primary, then sidecars. */
function containerChips(a: AttemptRun | undefined, doc: WorkflowDoc | null, taskName: string): ContainerChip[] {
  const task = doc ? findTask(doc, taskName) : undefined;
  const roles = new Map((task ? containersOf(task) : []).map((c) => [c.name, c.role] as const));
  const primary = task ? primaryContainerNameOf(task) : 'primary';
  const names = a?.containers.map((c) => c.name) ?? (task ? containersOf(task).map((c) => c.name) : ['primary']);
  const chips = names.map((name): ContainerChip => {
    const c = a?.containers.find((x) => x.name === name);
    return {
      name,
      role: roles.get(name) ?? (name === primary ? 'primary' : name === REQUIREMENTS_CONTAINER ? 'init' : 'sidecar'),
      ...(c ? { state: c.state } : {}),
      ...(c?.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      ...(c?.reason ? { reason: c.reason } : {}),
    };
  });
  const rank = { init: 0, primary: 1, sidecar: 2 } as const;
  return chips.sort((x, y) => rank[x.role] - rank[y.role]);
}

export function LogsTab({ e, doc }: { e: ExecutionRun; doc: WorkflowDoc | null }) {
  const logs = useRunStore((s) => s.logs);
  const [attemptNo, setAttemptNo] = useState<number | null>(null);
  const attempt = e.attempts.find((a) => a.attempt === attemptNo) ?? lastAttempt(e);
  const chips = useMemo(() => containerChips(attempt, doc, e.task), [attempt, doc, e.task]);
  const [picked, setPicked] = useState<string | null>(null);
  const container = chips.find((c) => c.name === picked)?.name ?? chips.find((c) => c.role === 'primary')?.name ?? chips[0]?.name ?? 'primary';
  if (!logs) return null;
  if (!attempt) {
    return <div className={cx(runCss.runEmpty, 'faint')}>{e.status === 'cached' ? 'This node did not run: its outputs were reused.' : e.status === 'queued' ? 'Not started yet.' : 'No pod ran for this execution.'}</div>;
  }
  return (
    <div className={styles.logsTab}>
      <div className={styles.logsHead}>
        {e.attempts.length > 1 && (
          <div className="segmented" role="tablist" aria-label="Attempt">
            {e.attempts.map((a) => (
              <button key={a.attempt} type="button" role="tab" aria-selected={a.attempt === attempt.attempt} className={a.attempt === attempt.attempt ? 'active' : ''} onClick={() => setAttemptNo(a.attempt)} data-testid={`logs-attempt-${a.attempt}`}>
                <StatusIcon status={a.status === 'running' ? 'running' : a.status} size={10} /> Attempt {a.attempt + 1}
              </button>
            ))}
          </div>
        )}
        <div className={styles.containerChips} role="tablist" aria-label="Container">
          {chips.map((c) => (
            <button
              key={c.name}
              type="button"
              role="tab"
              aria-selected={c.name === container}
              className={cx(styles.containerChip, c.role === 'init' && styles.roleInit, c.role === 'primary' && styles.rolePrimary, c.name === container && styles.active)}
              onClick={() => setPicked(c.name)}
              data-testid={`container-${c.name}`}
              data-exit-code={c.exitCode ?? undefined}
              title={`${c.role === 'init' ? 'Init container' : c.role === 'primary' ? 'Primary container (runs the code)' : 'Sidecar container'} ${c.name}${c.reason ? ` — ${c.reason}` : ''}`}
            >
              <span className={styles.containerRole}>{c.role}</span>
              <span className="mono">{c.name}</span>
              {c.state === 'running' && attempt.status === 'running' && <span className={cx(runCss.runSpin, 'status-running')} style={{ width: 9, height: 9 }} />}
              {c.state === 'terminated' && (
                <span className={cx(styles.containerExit, c.exitCode === 0 ? 'tone-success' : 'tone-error')} data-testid={`exit-${c.name}`}>
                  exit {c.exitCode ?? '?'}
                </span>
              )}
            </button>
          ))}
        </div>
      </div>
      <LogViewer
        key={`${attempt.attempt}:${container}`}
        logs={logs}
        executionId={e.executionId}
        attempt={attempt.attempt}
        container={container}
        emptyText={attempt.status === 'running' ? 'No output yet…' : 'This container wrote nothing.'}
      />
    </div>
  );
}
