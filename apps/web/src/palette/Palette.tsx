import { memo, useMemo, useState } from 'react';
import { removeTask, renameTask, type Task, type WorkflowNode } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';
import { addAtCenter } from '../canvas/canvas-drop-target';
import { CodeIcon, EditIcon, InputIcon, LayersIcon, OutputIcon, SearchIcon, TrashIcon, ZapIcon } from '../ui/icons';
import { InlineEdit } from '../canvas/nodes/InlineEdit';
import { toast } from '../ui/toasts';
import { paletteItemLabel, type PaletteItem } from './palette-items';
import { startPaletteDrag, usePaletteDrag } from './use-palette-drag';
import styles from './Palette.module.css';
import { cx } from '../ui/cx';

/**
 * The palette: new things to drag onto the canvas, and the workflow's task definitions (drag one to invoke it again,
 * click it to edit it — also tasks no node invokes, such as those only a dynamic task calls).
 */
export function Palette() {
  return (
    <aside className={styles.palette} aria-label="Palette" data-testid="palette">
      <div className={styles.panelTitle}>Add to canvas</div>
      <div className={styles.paletteGroup}>
        <PaletteEntry item={{ kind: 'python-task' }} icon={<CodeIcon size={15} />} hint="A Python function in its own pod" kind="task" />
        <PaletteEntry item={{ kind: 'dynamic-task' }} icon={<ZapIcon size={15} />} hint="Calls other tasks when it runs" kind="dynamic" />
        <PaletteEntry item={{ kind: 'map-task' }} icon={<LayersIcon size={15} />} hint="Runs a task once per list item" kind="map" />
      </div>
      <div className={styles.paletteGroup}>
        <PaletteEntry item={{ kind: 'workflow-input' }} icon={<InputIcon size={15} />} hint="A value the workflow is run with" kind="input" />
        <PaletteEntry item={{ kind: 'workflow-output' }} icon={<OutputIcon size={15} />} hint="A value the workflow returns" kind="output" />
      </div>
      <TaskList />
      <PaletteGhost />
    </aside>
  );
}

const PaletteEntry = memo(function PaletteEntry(props: { item: PaletteItem; icon: React.ReactNode; hint: string; kind: string }) {
  const label = paletteItemLabel(props.item);
  return (
    <button
      className={styles.paletteItem}
      data-testid={`palette-${props.item.kind}`}
      onPointerDown={(e) => startPaletteDrag(props.item, e)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          addAtCenter(props.item);
        }
      }}
      title={`${label}: drag onto the canvas, or click to add`}
    >
      <span className={cx(styles.paletteIcon, `kind-${props.kind}`)}>{props.icon}</span>
      <span className={styles.paletteText}>
        <span className={styles.paletteLabel}>{label}</span>
        <span className={styles.paletteHint}>{props.hint}</span>
      </span>
    </button>
  );
});

function TaskList() {
  // Select the stored arrays themselves (a selector must not build a new value on every call).
  const tasks = useEditorStore((s) => s.doc?.spec.tasks) ?? EMPTY;
  const nodes = useEditorStore((s) => s.doc?.spec.nodes) ?? EMPTY_NODES;
  const selectedTask = useEditorStore((s) => s.selection.task);
  const [query, setQuery] = useState('');
  const uses = useMemo(() => {
    const m = new Map<string, number>();
    for (const n of nodes) m.set(n.task, (m.get(n.task) ?? 0) + 1);
    return m;
  }, [nodes]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? tasks.filter((t) => t.name.toLowerCase().includes(q)) : tasks;
  }, [tasks, query]);
  return (
    <div className={styles.paletteTasks}>
      <div className={styles.panelTitle}>
        Tasks in this workflow <span className={styles.count}>{tasks.length}</span>
      </div>
      {tasks.length > 6 && (
        <label className={styles.paletteSearch}>
          <SearchIcon size={13} />
          <input className="input" placeholder="Filter tasks" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Filter tasks" />
        </label>
      )}
      {tasks.length === 0 ? (
        <p className={styles.paletteEmpty}>Tasks you create appear here. Drag one onto the canvas to run it again with other inputs.</p>
      ) : (
        <ul className={styles.taskList} data-testid="palette-tasks">
          {shown.map((t) => (
            <TaskEntry key={t.name} task={t} uses={uses.get(t.name) ?? 0} selected={selectedTask === t.name} />
          ))}
        </ul>
      )}
    </div>
  );
}

const EMPTY: readonly Task[] = [];
const EMPTY_NODES: readonly WorkflowNode[] = [];

const TaskEntry = memo(function TaskEntry({ task, uses, selected }: { task: Task; uses: number; selected: boolean }) {
  const item: PaletteItem = { kind: 'existing-task', task: task.name };
  const [renaming, setRenaming] = useState(false);
  return (
    <li className={cx(styles.taskEntryRow, selected && styles.selected)}>
      {renaming ? (
        <div className={cx(styles.taskEntry, styles.renaming)}>
          <InlineEdit
            value={task.name}
            editing
            onEditingChange={setRenaming}
            commit={(to) => renameTaskFromPalette(task.name, to)}
            label={`New name for task ${task.name}`}
            testId={`palette-task-name-${task.name}`}
            mono
          />
        </div>
      ) : (
        <div
          role="button"
          tabIndex={0}
          className={styles.taskEntry}
          data-testid={`palette-task-${task.name}`}
          onPointerDown={(e) => {
            // Click selects the task for the inspector; dragging places a node.
            startPaletteDrag(item, e, () => useEditorStore.getState().selectTask(task.name));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') useEditorStore.getState().selectTask(task.name);
            else if (e.key === 'F2') setRenaming(true);
          }}
          title={`${task.name}: drag onto the canvas to invoke it, click to edit`}
        >
          <span className={cx(styles.taskDot, task.type === 'dynamic' ? 'kind-dynamic' : 'kind-task')}>{task.type === 'dynamic' ? <ZapIcon size={12} /> : <CodeIcon size={12} />}</span>
          <span className={cx(styles.taskEntryName, 'mono')}>{task.name}</span>
          <span className={cx(styles.taskEntryMeta, uses === 0 && styles.unused)}>{uses === 0 ? 'not on canvas' : uses === 1 ? '1 node' : `${uses} nodes`}</span>
        </div>
      )}
      {!renaming && (
        <span className={styles.taskEntryActions}>
          <button type="button" className="icon-btn xs" aria-label={`Rename task ${task.name}`} title="Rename (F2)" onClick={() => setRenaming(true)} data-testid={`rename-task-${task.name}`}>
            <EditIcon size={12} />
          </button>
          <button type="button" className="icon-btn xs danger" aria-label={`Delete task ${task.name}`} title="Delete task" onClick={() => deleteTaskFromPalette(task.name)} data-testid={`delete-task-${task.name}`}>
            <TrashIcon size={12} />
          </button>
        </span>
      )}
    </li>
  );
});

/** Renames through core (nodes and dynamic calls follow); the refusal, if any, stays beside the field. */
function renameTaskFromPalette(from: string, to: string): string | undefined {
  let reason: string | undefined;
  const state = useEditorStore.getState();
  state.apply((doc) => {
    const r = renameTask(doc, from, to);
    if (!r.ok) reason = r.reason;
    return r.ok ? r.doc : doc;
  }, `Rename task ${from}`);
  if (!reason && state.selection.task === from) state.selectTask(to);
  return reason && reason[0]!.toUpperCase() + reason.slice(1);
}

/** Deletes a task no node invokes and no dynamic task calls (one undo step); otherwise says what still uses it. */
function deleteTaskFromPalette(name: string): void {
  let reason: string | undefined;
  const state = useEditorStore.getState();
  const changed = state.apply((doc) => {
    const r = removeTask(doc, name);
    if (!r.ok) reason = r.reason;
    return r.ok ? r.doc : doc;
  }, `Delete task ${name}`);
  if (reason) {
    toast(`Cannot delete: ${reason}.`, 'error');
    return;
  }
  if (changed) {
    if (state.selection.task === name) state.selectTask(null);
    toast(`Deleted task ${name}. Undo brings it back.`, 'success');
  }
}

function PaletteGhost() {
  const drag = usePaletteDrag();
  if (!drag.item) return null;
  return (
    <div
      className={cx(styles.paletteGhost, drag.overCanvas && styles.overCanvas)}
        data-palette-ghost
      style={{ transform: `translate(${drag.x + 8}px, ${drag.y + 8}px)` }}
      aria-hidden="true"
    >
      {paletteItemLabel(drag.item)}
    </div>
  );
}
