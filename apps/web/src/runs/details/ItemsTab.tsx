import type { Json, WorkflowDoc } from '@podflow/core';
import { useRunStore, runUi } from '../run-store';
import { executionLabel, STATUS_LABEL } from '../run-format';
import type { ExecutionRun, RunState } from '../run-state';
import { executionInputs } from '../execution-inputs';
import { JsonView, StatusPill, Took } from '../run-bits';
import runCss from '../run.module.css';
import { cx } from '../../ui/cx';

export function ItemsTab({ e, run, doc }: { e: ExecutionRun; run: RunState; doc: WorkflowDoc | null }) {
  const executions = useRunStore((s) => s.run?.executions);
  const children = e.children ?? [];
  const inputs = doc ? executionInputs(doc, run, e.executionId) : undefined;
  return (
    <div className={runCss.ioGrid}>
      <section className={cx(runCss.ioSection, runCss.wide)}>
        <table className={runCss.runTable} data-testid="map-items">
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
                <tr key={id} className={runCss.clickable} onClick={() => runUi.select(id, 'logs')} data-testid={`item-${id}`} data-status={c.status}>
                  <td className="mono">{id}</td>
                  <td>
                    <StatusPill status={c.status} label={executionLabel(c)} />
                  </td>
                  <td className="mono">{c.attempts.length}</td>
                  <td>
                    <Took start={c.startedAt} end={c.endedAt} running={c.status === 'running' || c.status === 'retrying'} />
                  </td>
                  <td className={cx('mono', runCss.smallText)}>{c.outputs ? JSON.stringify(c.outputs) : c.reason ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {children.length === 0 && <div className="faint">{STATUS_LABEL[e.status]}: no items yet.</div>}
      </section>
      <section className={runCss.ioSection}>
        <h4>Inputs</h4>
        {inputs ? <JsonView value={inputs.values as Json} testId="exec-inputs" /> : <div className="faint">Loading…</div>}
      </section>
      <section className={runCss.ioSection}>
        <h4>Outputs</h4>
        <JsonView value={e.outputs as Json | undefined} testId="exec-outputs" empty="Not yet." />
      </section>
    </div>
  );
}
