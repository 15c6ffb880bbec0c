import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { WorkflowDoc } from '@podflow/core';
import { diffEntries, diffWorkflows, isEmptyDiff, type DiffEntry } from '@podflow/core/diff';
import { workflowsApi, type VersionSummary } from '../../api/workflows-api';
import { useEditorStore } from '../../store/editor-store';
import { ChevronRightIcon } from '../../ui/icons';
import { DiffCanvas } from './DiffCanvas';
import { NodeDiffPanel, TaskDiffPanel } from './NodeDiffPanel';
import { VersionPicker } from './VersionPicker';
import { refLabel, type VersionRef } from './version-ref';
import styles from './VersionDiffView.module.css';
import statusColors from './DiffStatus.module.css';
import historyStyles from '../HistoryDialog.module.css';

/** A side's document: a saved version from the API, or the draft as the editor holds it now. */
function useSideDoc(workflowId: string, ref: VersionRef): { doc: WorkflowDoc | undefined; error: Error | null } {
  const draft = useEditorStore((s) => s.doc);
  const version = useQuery({
    queryKey: ['version', workflowId, ref],
    queryFn: () => workflowsApi.version(workflowId, ref as number),
    enabled: ref !== 'draft',
    staleTime: Infinity, // versions are immutable
  });
  if (ref === 'draft') return { doc: draft ?? undefined, error: null };
  return { doc: version.data?.document, error: version.error };
}

type Selection = { kind: 'node'; id: string } | { kind: 'task'; name: string } | undefined;

const STATUS_WORD = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  moved: 'Moved',
  renamed: 'Renamed',
} as const;

/**
 * Two versions compared: the change list (keyboard reachable; choosing a change selects its node), both graphs on one
 * canvas coloured by status with a legend, and the selected node's compiled pod (or code) side by side.
 */
export function VersionDiffView(props: {
  workflowId: string;
  versions: readonly VersionSummary[];
  from: VersionRef;
  to: VersionRef;
  onChange: (from: VersionRef, to: VersionRef) => void;
}) {
  const a = useSideDoc(props.workflowId, props.from);
  const b = useSideDoc(props.workflowId, props.to);
  const labels: [string, string] = [refLabel(props.from), refLabel(props.to)];
  const diff = useMemo(() => (a.doc && b.doc ? diffWorkflows(a.doc, b.doc) : undefined), [a.doc, b.doc]);
  const entries = useMemo(() => (diff ? diffEntries(diff) : []), [diff]);
  const [picked, setPicked] = useState<Selection | null>(null);
  const [reveal, setReveal] = useState(0);
  // Until the person picks, the first changed node (else the first node that differs) is shown.
  const selection: Selection =
    picked !== null
      ? picked
      : (entries.find((e) => e.target?.kind === 'node' && e.status === 'changed') ?? entries.find((e) => e.target?.kind === 'node'))?.target;
  const selectedNode = selection?.kind === 'node' ? selection.id : undefined;
  const error = a.error ?? b.error;

  return (
    <div className={styles.view} data-testid="version-diff">
      <div className={styles.toolbar}>
        <VersionPicker
          className={styles.picker}
          versions={props.versions}
          from={props.from}
          to={props.to}
          onChange={(f, t) => {
            setPicked(null);
            props.onChange(f, t);
          }}
        />
        <ul className={styles.legend} aria-label="Legend">
          {(['added', 'removed', 'changed', 'moved', 'renamed'] as const).map((s) => (
            <li key={s}>
              <span className={`${styles.swatch} ${statusColors[s]}`} aria-hidden="true" /> {STATUS_WORD[s]}
            </li>
          ))}
        </ul>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : !a.doc || !b.doc || !diff ? (
        <div className={historyStyles.dialogLoading}>
          <span className="spinner" /> Loading both versions…
        </div>
      ) : (
        <div className={styles.body}>
          <nav className={styles.changes} aria-label="Changes">
            <h3 className={styles.changesTitle} data-testid="diff-summary">
              {isEmptyDiff(diff)
                ? `No changes between ${labels[0]} and ${labels[1]}`
                : `${entries.length} change${entries.length === 1 ? '' : 's'}: ${labels[0]} → ${labels[1]}`}
            </h3>
            <ul className={styles.changeList} data-testid="diff-changes">
              {entries.map((e) => (
                <ChangeRow
                  key={e.key}
                  entry={e}
                  selected={sameTarget(e.target, selection)}
                  onSelect={() => {
                    if (!e.target) return;
                    setPicked(e.target);
                    setReveal((n) => n + 1);
                  }}
                />
              ))}
            </ul>
          </nav>
          <div className={styles.main}>
            <div className={styles.canvasBox}>
              <DiffCanvas a={a.doc} b={b.doc} diff={diff} selected={selectedNode} reveal={reveal} onSelect={(id) => setPicked({ kind: 'node', id })} />
            </div>
            {selection?.kind === 'node' ? (
              <NodeDiffPanel key={selection.id} a={a.doc} b={b.doc} nodeId={selection.id} renamedFrom={diff.nodes.find((n) => n.id === selection.id)?.renamedFrom} labels={labels} />
            ) : selection?.kind === 'task' ? (
              <TaskDiffPanel key={selection.name} a={a.doc} b={b.doc} name={selection.name} labels={labels} />
            ) : (
              <p className={`faint ${styles.hint}`}>Select a node (on the canvas or in the list) to see its compiled pod side by side.</p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

const sameTarget = (t: DiffEntry['target'], s: Selection): boolean =>
  !!t && !!s && t.kind === s.kind && (t.kind === 'node' ? t.id === (s as { id: string }).id : t.name === (s as { name: string }).name);

function ChangeRow({ entry, selected, onSelect }: { entry: DiffEntry; selected: boolean; onSelect: () => void }) {
  const body = (
    <>
      <span className={`${styles.status} ${statusColors[entry.status]}`}>{STATUS_WORD[entry.status]}</span>
      <span className={styles.changeText}>
        <span className={styles.changeTitle}>
          <span className="faint">{entry.what}</span> <span className="mono">{entry.title}</span>
        </span>
        {entry.detail && <span className={styles.changeDetail}>{entry.detail}</span>}
      </span>
    </>
  );
  return (
    <li data-testid={`diff-change-${entry.key}`} data-status={entry.status}>
      {entry.target ? (
        <button type="button" className={`${styles.change} ${selected ? styles.selected : ''}`} aria-pressed={selected} onClick={onSelect}>
          {body}
          <ChevronRightIcon size={13} aria-hidden="true" />
        </button>
      ) : (
        <div className={styles.change}>{body}</div>
      )}
    </li>
  );
}
