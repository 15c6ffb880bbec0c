import { useMemo, useState } from 'react';
import { findTask, primaryContainerNameOf, type DynamicBinding, type Json, type WorkflowDoc } from '@podflow/core';
import { containersOf } from '../canvas/node-view';
import { toast } from '../ui/toasts';
import { useEditorStore } from '../store/editor-store';
import { useExecution, useRunStore, runUi, type DetailsTab } from './run-store';
import { executionLabel, FAILURE_LABEL, formatClock, formatDuration, shortPaths, STATUS_LABEL } from './run-format';
import { lastAttempt, TERMINAL_RUN, type AttemptRun, type ExecutionRun, type RunState } from './run-state';
import { executionInputs } from './execution-inputs';
import { JsonView, StatusIcon, StatusPill, Took } from './run-bits';
import { LogViewer } from './LogViewer';
import { rerunFrom } from './run-controller';
import { focusNode } from './focus-node';

/** The details of the selected execution: logs per container, attempts, inputs and outputs, a map's items. */
export function ExecutionDetails({ run, executionId }: { run: RunState; executionId: string }) {
  const e = useExecution(executionId);
  const runDoc = useRunStore((s) => s.runDoc);
  if (!e) return <div className="run-empty faint">No execution {executionId} in this run.</div>;
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
    <div className="exec-details" data-testid="exec-details" data-execution={e.executionId}>
      <header className="exec-details-header">
        <div className="exec-title">
          <StatusPill status={e.status} label={executionLabel(e)} testId="exec-status" />
          <span className="exec-title-id mono">{e.executionId}</span>
          {e.task && <span className="faint mono">{e.task}</span>}
          <span className="exec-times faint">
            {e.startedAt !== undefined && <>started {formatClock(e.startedAt)} · </>}
            <Took start={e.startedAt} end={e.endedAt} running={e.status === 'running' || e.status === 'retrying'} />
            {e.status === 'cached' && (e.fromRun || reusedFrom ? <> reused from run {e.fromRun ?? reusedFrom}</> : <> from the output cache</>)}
          </span>
        </div>
        <div className="exec-actions">
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
      {e.status === 'skipped' && e.reason && <div className="run-callout neutral">Skipped: {e.reason}</div>}
      <div className="run-tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={active === t.id} className={`run-tab${active === t.id ? ' active' : ''}`} onClick={() => runUi.setDetailsTab(t.id)} data-testid={`details-tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="exec-details-body">
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
    <div className="run-callout error" data-testid="failure-callout">
      <div>
        <b>{kind ? FAILURE_LABEL[kind] : 'Failed'}</b>
        {a?.exitCode !== undefined && a.exitCode !== null && <> · exit code {a.exitCode}</>}
        {e.attempts.length > 1 && <> · after {e.attempts.length} attempts</>}
      </div>
      <div className="run-callout-reason">{e.reason ?? a?.reason}</div>
      {a && a.stderrTail.length > 0 && <pre className="run-callout-stderr">{a.stderrTail.map(shortPaths).join('\n')}</pre>}
    </div>
  );
}

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
      role: roles.get(name) ?? (name === primary ? 'primary' : 'sidecar'),
      ...(c ? { state: c.state } : {}),
      ...(c?.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      ...(c?.reason ? { reason: c.reason } : {}),
    };
  });
  const rank = { init: 0, primary: 1, sidecar: 2 } as const;
  return chips.sort((x, y) => rank[x.role] - rank[y.role]);
}

function LogsTab({ e, doc }: { e: ExecutionRun; doc: WorkflowDoc | null }) {
  const logs = useRunStore((s) => s.logs);
  const [attemptNo, setAttemptNo] = useState<number | null>(null);
  const attempt = e.attempts.find((a) => a.attempt === attemptNo) ?? lastAttempt(e);
  const chips = useMemo(() => containerChips(attempt, doc, e.task), [attempt, doc, e.task]);
  const [picked, setPicked] = useState<string | null>(null);
  const container = chips.find((c) => c.name === picked)?.name ?? chips.find((c) => c.role === 'primary')?.name ?? chips[0]?.name ?? 'primary';
  if (!logs) return null;
  if (!attempt) {
    return <div className="run-empty faint">{e.status === 'cached' ? 'This node did not run: its outputs were reused.' : e.status === 'queued' ? 'Not started yet.' : 'No pod ran for this execution.'}</div>;
  }
  return (
    <div className="logs-tab">
      <div className="logs-head">
        {e.attempts.length > 1 && (
          <div className="segmented" role="tablist" aria-label="Attempt">
            {e.attempts.map((a) => (
              <button key={a.attempt} type="button" role="tab" aria-selected={a.attempt === attempt.attempt} className={a.attempt === attempt.attempt ? 'active' : ''} onClick={() => setAttemptNo(a.attempt)} data-testid={`logs-attempt-${a.attempt}`}>
                <StatusIcon status={a.status === 'running' ? 'running' : a.status} size={10} /> Attempt {a.attempt + 1}
              </button>
            ))}
          </div>
        )}
        <div className="container-chips" role="tablist" aria-label="Container">
          {chips.map((c) => (
            <button
              key={c.name}
              type="button"
              role="tab"
              aria-selected={c.name === container}
              className={`container-chip role-${c.role}${c.name === container ? ' active' : ''}`}
              onClick={() => setPicked(c.name)}
              data-testid={`container-${c.name}`}
              data-exit-code={c.exitCode ?? undefined}
              title={`${c.role === 'init' ? 'Init container' : c.role === 'primary' ? 'Primary container (runs the code)' : 'Sidecar container'} ${c.name}${c.reason ? ` — ${c.reason}` : ''}`}
            >
              <span className="container-role">{c.role}</span>
              <span className="mono">{c.name}</span>
              {c.state === 'running' && attempt.status === 'running' && <span className="run-spin status-running" style={{ width: 9, height: 9 }} />}
              {c.state === 'terminated' && (
                <span className={`container-exit ${c.exitCode === 0 ? 'ok' : 'bad'}`} data-testid={`exit-${c.name}`}>
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

function AttemptsTab({ e }: { e: ExecutionRun }) {
  if (e.attempts.length === 0) return <div className="run-empty faint">No attempts: {e.status === 'cached' ? 'the outputs were reused.' : 'no pod ran.'}</div>;
  return (
    <table className="run-table" data-testid="attempts-table">
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
              <div className="faint mono small-text" title="Pod name">
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
                <div key={c.name} className="mono small-text">
                  {c.name}: {c.state === 'terminated' ? `exit ${c.exitCode ?? '?'}${c.reason ? ` (${c.reason})` : ''}` : 'running'}
                </div>
              ))}
            </td>
            <td className="attempt-reason">{a.reason ? <>{a.kind && a.kind !== 'error' ? `${FAILURE_LABEL[a.kind]}: ` : ''}{a.reason}</> : a.status === 'succeeded' ? '—' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IoTab({ e, run, doc }: { e: ExecutionRun; run: RunState; doc: WorkflowDoc | null }) {
  const inputs = doc ? executionInputs(doc, run, e.executionId) : undefined;
  return (
    <div className="io-grid">
      {e.dynamic && (
        <section className="io-section wide" data-testid="dynamic-calls">
          <h4>Sub-DAG returned by the dynamic task</h4>
          <table className="run-table">
            <thead>
              <tr>
                <th>Call</th>
                <th>Task</th>
                <th>Status</th>
                <th>Inputs</th>
              </tr>
            </thead>
            <tbody>
              {e.dynamic.nodes.map((call) => {
                const id = `${e.executionId}/${call.id}`;
                const status = e.childStatus?.[id] ?? 'queued';
                return (
                  <tr key={call.id} className="clickable" onClick={() => runUi.select(id)} data-testid={`call-${call.id}`} data-status={status}>
                    <td className="mono">{call.id}</td>
                    <td className="mono">{call.task}</td>
                    <td>
                      <StatusPill status={status} />
                    </td>
                    <td className="mono small-text">
                      {Object.entries(call.inputs)
                        .map(([name, b]) => `${name} = ${formatDynamicBinding(b)}`)
                        .join(', ')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      <section className="io-section">
        <h4>Inputs</h4>
        {inputs ? (
          <>
            <JsonView value={inputs.values as Json} testId="exec-inputs" />
            {inputs.pending.length > 0 && <div className="faint small-text">Not known yet: {inputs.pending.join(', ')} (waiting for upstream outputs)</div>}
          </>
        ) : (
          <div className="faint">{doc ? 'Not available.' : 'Loading…'}</div>
        )}
      </section>
      <section className="io-section">
        <h4>Outputs</h4>
        <JsonView value={e.outputs as Json | undefined} testId="exec-outputs" empty={e.status === 'failed' ? 'None: the node failed.' : TERMINAL_RUN.has(run.status) ? 'None.' : 'Not yet.'} />
      </section>
    </div>
  );
}

function ItemsTab({ e, run, doc }: { e: ExecutionRun; run: RunState; doc: WorkflowDoc | null }) {
  const executions = useRunStore((s) => s.run?.executions);
  const children = e.children ?? [];
  const inputs = doc ? executionInputs(doc, run, e.executionId) : undefined;
  return (
    <div className="io-grid">
      <section className="io-section wide">
        <table className="run-table" data-testid="map-items">
          <thead>
            <tr>
              <th>Item</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Took</th>
              <th>Outputs</th>
            </tr>
          </thead>
          <tbody>
            {children.map((id) => {
              const c = executions?.[id];
              if (!c) return null;
              return (
                <tr key={id} className="clickable" onClick={() => runUi.select(id, 'logs')} data-testid={`item-${id}`} data-status={c.status}>
                  <td className="mono">{id}</td>
                  <td>
                    <StatusPill status={c.status} label={executionLabel(c)} />
                  </td>
                  <td className="mono">{c.attempts.length}</td>
                  <td>
                    <Took start={c.startedAt} end={c.endedAt} running={c.status === 'running' || c.status === 'retrying'} />
                  </td>
                  <td className="mono small-text">{c.outputs ? JSON.stringify(c.outputs) : c.reason ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {children.length === 0 && <div className="faint">{STATUS_LABEL[e.status]}: no items yet.</div>}
      </section>
      <section className="io-section">
        <h4>Inputs</h4>
        {inputs ? <JsonView value={inputs.values as Json} testId="exec-inputs" /> : <div className="faint">Loading…</div>}
      </section>
      <section className="io-section">
        <h4>Outputs</h4>
        <JsonView value={e.outputs as Json | undefined} testId="exec-outputs" empty="Not yet." />
      </section>
    </div>
  );
}

/** A dynamic call's binding in short: `6`, `stringify.o0`, `[a.o0, 2]`. */
function formatDynamicBinding(b: DynamicBinding): string {
  if ('value' in b) return JSON.stringify(b.value);
  if ('node' in b) return `${b.node}.${b.output}`;
  if ('list' in b) return `[${b.list.map(formatDynamicBinding).join(', ')}]`;
  return `{${Object.entries(b.dict)
    .map(([k, v]) => `${k}: ${formatDynamicBinding(v)}`)
    .join(', ')}}`;
}
