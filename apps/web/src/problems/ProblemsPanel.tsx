import { memo, useMemo, useState } from 'react';
import type { Diagnostic } from '@podflow/core';
import { AlertTriangleIcon, CheckCircleIcon, ChevronDownIcon, ErrorIcon, InfoIcon } from '../ui/icons';
import { useUiStore } from '../ui/ui-store';
import { useDiagnostics } from './diagnostics-store';
import { goToDiagnostic } from './go-to-diagnostic';
import { RunTabButton } from '../runs/RunPanel';
import { RunProblems } from '../runs/RunProblems';

type Filter = 'all' | 'error' | 'warning' | 'info';

/**
 * Every diagnostic of the document. Clicking one selects its node (or task), centres it, and passes the field's path
 * to the inspector as `focusPath`.
 */
export function ProblemsPanel() {
  const list = useDiagnostics((s) => s.list);
  const totals = useDiagnostics((s) => s.totals);
  const open = useUiStore((s) => s.problemsOpen);
  const setOpen = useUiStore((s) => s.setProblemsOpen);
  const [filter, setFilter] = useState<Filter>('all');
  const shown = useMemo(() => (filter === 'all' ? list : list.filter((d) => d.severity === filter)), [list, filter]);
  return (
    <section className={`problems${open ? '' : ' collapsed'}`} aria-label="Problems" data-testid="problems-panel">
      <header className="problems-header">
        <button className="problems-toggle" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="problems-toggle">
          <ChevronDownIcon size={14} className={open ? '' : 'rotate'} />
          <span className="problems-title">Problems</span>
          <span className="problem-counts">
            <span className={`count-pill error${totals.errors ? '' : ' zero'}`} title="Errors">
              <ErrorIcon size={12} /> {totals.errors}
            </span>
            <span className={`count-pill warning${totals.warnings ? '' : ' zero'}`} title="Warnings">
              <AlertTriangleIcon size={12} /> {totals.warnings}
            </span>
            {totals.infos > 0 && (
              <span className="count-pill info" title="Notes">
                <InfoIcon size={12} /> {totals.infos}
              </span>
            )}
          </span>
        </button>
        <RunTabButton />
        {open && list.length > 0 && (
          <div className="segmented" role="tablist" aria-label="Filter problems">
            {(['all', 'error', 'warning', 'info'] as const).map((f) => (
              <button key={f} role="tab" aria-selected={filter === f} className={filter === f ? 'active' : ''} onClick={() => setFilter(f)}>
                {f === 'all' ? 'All' : f === 'error' ? 'Errors' : f === 'warning' ? 'Warnings' : 'Notes'}
              </button>
            ))}
          </div>
        )}
      </header>
      {open && (
        <div className="problems-body">
          <RunProblems />
          {list.length === 0 ? (
            <div className="problems-empty">
              <CheckCircleIcon size={16} /> No problems in this workflow.
            </div>
          ) : (
            <ul className="problem-list" data-testid="problem-list">
              {shown.map((d, i) => (
                <ProblemRow key={`${d.code}:${d.path}:${d.nodeId ?? ''}:${i}`} d={d} />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

const ProblemRow = memo(function ProblemRow({ d }: { d: Diagnostic }) {
  const Icon = d.severity === 'error' ? ErrorIcon : d.severity === 'warning' ? AlertTriangleIcon : InfoIcon;
  const where = d.nodeId ?? d.task;
  return (
    <li>
      <button className={`problem sev-${d.severity}`} onClick={() => goToDiagnostic(d)} data-testid="problem" data-code={d.code}>
        <Icon size={14} className="problem-icon" />
        <span className="problem-message">{d.message}</span>
        {where && <span className="problem-where mono">{where}</span>}
        <span className="problem-path mono">
          {d.path}
          {d.line ? `:${d.line}${d.col ? `:${d.col}` : ''}` : ''}
        </span>
      </button>
    </li>
  );
});
