import { useQuery } from '@tanstack/react-query';
import { workflowsApi } from '../api/workflows-api';
import { useEditorStore } from '../store/editor-store';
import { navigate, workflowPath } from '../router/router';
import { MenuButton, type MenuEntry } from '../ui/Menu';
import { useUiStore } from '../ui/ui-store';
import { runCommand } from '../commands/run-command';
import { downloadYaml, importYaml, newWorkflow, showHistory } from '../commands/all-commands';
import { formatCombo } from '../commands/key-combo';
import { duplicateWorkflow } from '../workflows/workflow-actions';
import { ChevronDownIcon, CopyIcon, DownloadIcon, EditIcon, FileIcon, HistoryIcon, PlusIcon, TrashIcon, UploadIcon, WorkflowIcon } from '../ui/icons';
import styles from './WorkflowsMenu.module.css';
import { cx } from '../ui/cx';

/** The workflows menu: switch, create, duplicate, rename, import, download, history, delete. */
export function WorkflowsMenu() {
  const workflowId = useEditorStore((s) => s.workflowId);
  const list = useQuery({ queryKey: ['workflows'], queryFn: workflowsApi.list });
  const entries = (): MenuEntry[] => {
    const others = (list.data ?? []).filter((w) => w.id !== workflowId).slice(0, 8);
    const name = useEditorStore.getState().doc?.metadata.name ?? '';
    return [
      { id: 'all-workflows', label: 'All workflows', icon: <WorkflowIcon size={14} />, onSelect: () => navigate('/') },
      ...(others.length ? [{ heading: 'Open', id: 'h-open' } as MenuEntry] : []),
      ...others.map((w): MenuEntry => ({ id: `open-${w.id}`, label: w.name, icon: <FileIcon size={14} />, onSelect: () => navigate(workflowPath(w.id)) })),
      { separator: true, id: 's1' },
      { id: 'new', label: newWorkflow.label, icon: <PlusIcon size={14} />, shortcut: formatCombo(newWorkflow.keys![0]!), onSelect: () => runCommand(newWorkflow) },
      { id: 'duplicate', label: 'Duplicate', icon: <CopyIcon size={14} />, disabled: !workflowId, onSelect: () => workflowId && void duplicateWorkflow(workflowId) },
      {
        id: 'rename',
        label: 'Rename…',
        icon: <EditIcon size={14} />,
        onSelect: () => document.querySelector<HTMLInputElement>('[data-testid="workflow-name"]')?.focus(),
      },
      { id: 'history', label: showHistory.label, icon: <HistoryIcon size={14} />, onSelect: () => runCommand(showHistory) },
      { separator: true, id: 's2' },
      { id: 'import', label: importYaml.label, icon: <UploadIcon size={14} />, shortcut: formatCombo(importYaml.keys![0]!), onSelect: () => runCommand(importYaml) },
      { id: 'download', label: downloadYaml.label, icon: <DownloadIcon size={14} />, onSelect: () => runCommand(downloadYaml) },
      { separator: true, id: 's3' },
      {
        id: 'delete',
        label: 'Delete workflow…',
        icon: <TrashIcon size={14} />,
        danger: true,
        disabled: !workflowId,
        onSelect: () => workflowId && useUiStore.getState().openDialog({ kind: 'confirm-delete-workflow', id: workflowId, name }),
      },
    ];
  };
  return (
    <MenuButton
      label="Workflows"
      className={cx('btn', 'btn-ghost', 'btn-sm', styles.workflowsTrigger)}
      testId="workflows-menu"
      menuTestId="workflows-menu-list"
      trigger={() => (
        <>
          <span>Workflows</span>
          <ChevronDownIcon size={13} />
        </>
      )}
      entries={entries}
    />
  );
}
