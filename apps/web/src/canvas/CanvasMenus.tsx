import { findNode, findTask, tasksOf } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';
import { MenuList, type MenuEntry } from '../ui/Menu';
import { useCanvasView, type CanvasMenu } from './canvas-view-store';
import { dropMapNode } from './drop-palette-item';
import { runCommand, isEnabled } from '../commands/run-command';
import {
  connectPorts,
  autoLayout,
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  exportPods,
  paste,
  selectAll,
  toggleMap,
  zoomToFit,
} from '../commands/all-commands';
import type { EditorCommand } from '../commands/command';
import { formatCombo } from '../commands/key-combo';
import { CodeIcon, CopyIcon, LayersIcon, PlusIcon, TrashIcon } from '../ui/icons';
import { parseCanvasId } from './flow-ids';

const item = (c: EditorCommand, extra: Partial<MenuEntry> = {}): MenuEntry => ({
  id: c.id,
  label: c.label,
  shortcut: c.keys?.[0] ? formatCombo(c.keys[0]) : undefined,
  disabled: !isEnabled(c),
  onSelect: () => runCommand(c),
  ...extra,
});

/** The canvas's context menus and the "map over which task?" picker. */
export function CanvasMenus() {
  const menu = useCanvasView((s) => s.menu);
  const close = () => useCanvasView.getState().setMenu(null);
  if (!menu) return null;
  return (
    <MenuList
      key={`${menu.kind}:${menu.x}:${menu.y}`}
      entries={entriesFor(menu)}
      onClose={close}
      style={{ position: 'fixed', left: menu.x, top: menu.y }}
      testId={`menu-${menu.kind}`}
    />
  );
}

function entriesFor(menu: CanvasMenu): MenuEntry[] {
  const state = useEditorStore.getState();
  const doc = state.doc;
  if (menu.kind === 'map-picker') {
    const tasks = doc ? tasksOf(doc) : [];
    return [
      { heading: 'Map over which task?', id: 'h' },
      { id: 'map-new', label: 'New Python task', icon: <PlusIcon size={14} />, onSelect: () => dropMapNode(null, menu.at) },
      ...(tasks.length ? [{ separator: true as const, id: 's' }] : []),
      ...tasks.map(
        (t): MenuEntry => ({
          id: `map-${t.name}`,
          label: <span className="mono">{t.name}</span>,
          icon: <CodeIcon size={14} />,
          disabled: t.type === 'dynamic',
          onSelect: () => dropMapNode(t.name, menu.at),
        }),
      ),
    ];
  }
  if (menu.kind === 'pane') {
    return [item(paste), item(selectAll), { separator: true, id: 's1' }, item(autoLayout), item(zoomToFit)];
  }
  const ref = parseCanvasId(menu.id);
  const node = ref.kind === 'node' && doc ? findNode(doc, ref.id) : undefined;
  const task = node && doc ? findTask(doc, node.task) : undefined;
  return [
    ...(node
      ? [
          {
            id: 'edit-task',
            label: <>Edit task <span className="mono">{node.task}</span></>,
            icon: <CodeIcon size={14} />,
            disabled: !task,
            onSelect: () => useEditorStore.getState().selectTask(node.task),
          } as MenuEntry,
          item(toggleMap, { label: node.map ? 'Run once (not mapped)' : 'Map over a list', icon: <LayersIcon size={14} /> }),
          item(connectPorts),
          item(exportPods),
          { separator: true, id: 's0' } as MenuEntry,
        ]
      : []),
    item(copySelection, { icon: <CopyIcon size={14} /> }),
    item(cutSelection),
    item(duplicateSelection),
    { separator: true, id: 's2' },
    item(deleteSelection, { danger: true, icon: <TrashIcon size={14} /> }),
  ];
}
