import type { DynamicBinding, Json, WorkflowDoc } from '@podflow/core';
import { runUi } from '../run-store';
import { TERMINAL_RUN, type ExecutionRun, type RunState } from '../run-state';
import { executionInputs } from '../execution-inputs';
import { JsonView, StatusPill } from '../run-bits';
import runCss from '../run.module.css';
import { cx } from '../../ui/cx';

export function IoTab({ e, run, doc }: { e: ExecutionRun; run: RunState; doc: WorkflowDoc | null }) {
  const inputs = doc ? executionInputs(doc, run, e.executionId) : undefined;
  return (
    <div className={runCss.ioGrid}>
      {e.dynamic && (
        <section className={cx(runCss.ioSection, runCss.wide)} data-testid="dynamic-calls">
          <h4>Sub-DAG returned by the dynamic task</h4>
          <table className={runCss.runTable}>
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
                  <tr key={call.id} className={runCss.clickable} onClick={() => runUi.select(id)} data-testid={`call-${call.id}`} data-status={status}>
                    <td className="mono">{call.id}</td>
                    <td className="mono">{call.task}</td>
                    <td>
                      <StatusPill status={status} />
                    </td>
                    <td className={cx('mono', runCss.smallText)}>
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
      <section className={runCss.ioSection}>
        <h4>Inputs</h4>
        {inputs ? (
          <>
            <JsonView value={inputs.values as Json} testId="exec-inputs" />
            {inputs.pending.length > 0 && <div className={cx('faint', runCss.smallText)}>Not known yet: {inputs.pending.join(', ')} (waiting for upstream outputs)</div>}
          </>
        ) : (
          <div className="faint">{doc ? 'Not available.' : 'Loading…'}</div>
        )}
      </section>
      <section className={runCss.ioSection}>
        <h4>Outputs</h4>
        <JsonView value={e.outputs as Json | undefined} testId="exec-outputs" empty={e.status === 'failed' ? 'None: the node failed.' : TERMINAL_RUN.has(run.status) ? 'None.' : 'Not yet.'} />
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
