import { memo, useMemo, useState } from 'react';
import type { Diagnostic } from '@podflow/core';
import { AlertTriangleIcon, CheckCircleIcon, ChevronDownIcon, ErrorIcon, InfoIcon } from '../ui/icons';
import { useUiStore } from '../ui/ui-store';
import { useDiagnostics } from './diagnostics-store';
import { goToDiagnostic } from './go-to-diagnostic';
import { RunTabButton } from '../runs/RunPanel';
import { RunProblems } from '../runs/RunProblems';
import styles from './ProblemsPanel.module.css';
import { cx } from '../ui/cx';

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
    <section className={cx(styles.problems, !open && styles.collapsed)} aria-label="Problems" data-testid="problems-panel">
      <header className={styles.problemsHeader}>
        <button className={styles.problemsToggle} onClick={() => setOpen(!open)} aria-expanded={open} data-testid="problems-toggle">
          <ChevronDownIcon size={14} className={open ? undefined : styles.rotate} />
          <span className={styles.problemsTitle}>Problems</span>
          <span className={styles.problemCounts}>
            <span className={cx(styles.countPill, 'tone-error', !totals.errors && styles.zero)} title="Errors">
              <ErrorIcon size={12} /> {totals.errors}
            </span>
            <span className={cx(styles.countPill, 'tone-warning', !totals.warnings && styles.zero)} title="Warnings">
              <AlertTriangleIcon size={12} /> {totals.warnings}
            </span>
            {totals.infos > 0 && (
              <span className={cx(styles.countPill, 'tone-info')} title="Notes">
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
        <div className={styles.problemsBody}>
          <RunProblems />
          {list.length === 0 ? (
            <div className={styles.problemsEmpty}>
              <CheckCircleIcon size={16} /> No problems in this workflow.
            </div>
          ) : (
            <ul className={styles.problemList} data-testid="problem-list">
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
      <button className={cx(styles.problem, `tone-${d.severity}`)} onClick={() => goToDiagnostic(d)} data-testid="problem" data-code={d.code}>
        <Icon size={14} className={styles.problemIcon} />
        <span className={styles.problemMessage}>{d.message}</span>
        {where && <span className={cx(styles.problemWhere, 'mono')}>{where}</span>}
        <span className={cx(styles.problemPath, 'mono')}>
          {d.path}
          {d.line ? `:${d.line}${d.col ? `:${d.col}` : ''}` : ''}
        </span>
      </button>
    </li>
  );
});
