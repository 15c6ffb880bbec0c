import { memo } from 'react';
import { ChevronDownIcon, LayersIcon, ZapIcon } from '../ui/icons';
import { useExecution, useRunStore, runUi } from './run-store';
import { executionLabel, mapItemsSummary } from './run-format';
import { StatusIcon, Took } from './run-bits';
import type { RunState } from './run-state';
import styles from './ExecutionList.module.css';
import { cx } from '../ui/cx';
import runCss from './run.module.css';

/**
 * The run's executions as a tree: the run itself, then each node in the order it was queued, with a map node's items
 * (folded until opened) and a dynamic node's calls under it. Selecting one shows its details beside the list.
 */
export function ExecutionList({ run }: { run: RunState }) {
  const topLevel = run.order.filter((id) => !run.executions[id]?.parent);
  const selected = useRunStore((s) => s.selected);
  return (
    <nav className={styles.execList} aria-label="Executions" data-testid="exec-list">
      <button type="button" className={cx(styles.execRow, styles.runRow, selected === null && styles.selected)} onClick={() => runUi.select(null)} data-testid="exec-run">
        <StatusIcon status={run.status} />
        <span className={styles.execName}>Run overview</span>
        <span className={styles.execSpacer} />
        <Took start={run.startedAt} end={run.endedAt} running={run.status === 'running'} />
      </button>
      {topLevel.map((id) => (
        <ExecutionRow key={id} id={id} depth={0} />
      ))}
    </nav>
  );
}

const ExecutionRow = memo(function ExecutionRow({ id, depth }: { id: string; depth: number }) {
  const e = useExecution(id);
  const selected = useRunStore((s) => s.selected === id);
  const expanded = useRunStore((s) => s.expanded[id] ?? (e?.dynamic !== undefined || (e?.items ?? 0) <= 5));
  if (!e) return null;
  const children = e.children ?? [];
  const running = e.status === 'running' || e.status === 'retrying';
  const isMap = e.items !== undefined;
  const isItem = !!e.parent && id[e.parent.length] === '[';
  const name = !e.parent ? id : isItem ? `item ${id.slice(e.parent.length + 1, -1)}` : id.slice(e.parent.length + 1);
  const counts = e.itemCounts ?? {};
  return (
    <>
      <div className={cx(styles.execRow, selected && styles.selected)} style={{ paddingLeft: 8 + depth * 16 }} data-testid={`exec-${id}`} data-status={e.status}>
        {children.length > 0 ? (
          <button
            type="button"
            className={cx(styles.execFold, 'icon-btn', 'sm')}
            aria-label={expanded ? 'Hide items' : 'Show items'}
            aria-expanded={expanded}
            onClick={() => runUi.toggleExpanded(id, !expanded)}
            data-testid={`exec-fold-${id}`}
          >
            <ChevronDownIcon size={13} className={expanded ? undefined : styles.rotate} />
          </button>
        ) : (
          <span className={styles.execFoldSpace} />
        )}
        <button type="button" className={styles.execMain} onClick={() => runUi.select(id)} title={`${id} · ${executionLabel(e)}`}>
          <StatusIcon status={e.status} />
          <span className={cx(styles.execName, 'mono')}>{name}</span>
          {isMap && (
            <span className={styles.execMeta} data-testid={`exec-items-${id}`}>
              <LayersIcon size={11} /> {mapItemsSummary((counts.succeeded ?? 0) + (counts.cached ?? 0), counts.failed ?? 0, e.items ?? 0)}
            </span>
          )}
          {e.dynamic && (
            <span className={styles.execMeta} title="Calls in the sub-DAG">
              <ZapIcon size={11} /> {e.dynamic.nodes.length}
            </span>
          )}
          {e.task && e.task !== name && !isItem && <span className={cx(styles.execTask, 'faint', 'mono')}>{e.task}</span>}
          <span className={styles.execSpacer} />
          {e.status !== 'succeeded' && <span className={cx(runCss.execStatus, `status-${e.status}`)}>{executionLabel(e)}</span>}
          <Took start={e.startedAt} end={e.endedAt} running={running} />
        </button>
      </div>
      {expanded && children.map((c) => <ExecutionRow key={c} id={c} depth={depth + 1} />)}
    </>
  );
});

