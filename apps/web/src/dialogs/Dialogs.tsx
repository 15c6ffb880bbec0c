import { lazy, Suspense } from 'react';
import { useEditorStore } from '../store/editor-store';
import { useUiStore } from '../ui/ui-store';
import { ShortcutsDialog } from './ShortcutsDialog';
import { ImportErrorDialog } from './ImportErrorDialog';
import { NewWorkflowDialog } from './NewWorkflowDialog';
import { SaveVersionDialog } from './SaveVersionDialog';
import { DeleteWorkflowDialog } from './DeleteWorkflowDialog';
import { RenameWorkflowDialog } from './RenameWorkflowDialog';
import { ConflictDialog } from './ConflictDialog';
import { ConnectDialog } from './ConnectDialog';

// The history dialog (with its version comparison) is loaded on first use.
const HistoryDialog = lazy(() => import('./HistoryDialog').then((m) => ({ default: m.HistoryDialog })));
// The export dialog pulls in Monaco: loaded on first use.
const ExportDialog = lazy(() => import('../export/ExportDialog').then((m) => ({ default: m.ExportDialog })));

/** The one open dialog (UI state), plus the conflict dialog, which the save state opens. */
export function Dialogs() {
  const dialog = useUiStore((s) => s.dialog);
  const close = useUiStore((s) => s.closeDialog);
  const doc = useEditorStore((s) => s.doc);
  return (
    <>
      <ConflictDialog />
      {dialog?.kind === 'shortcuts' && <ShortcutsDialog onClose={close} />}
      {dialog?.kind === 'history' && (
        <Suspense fallback={null}>
          <HistoryDialog onClose={close} />
        </Suspense>
      )}
      {dialog?.kind === 'new-workflow' && <NewWorkflowDialog onClose={close} />}
      {dialog?.kind === 'save-version' && <SaveVersionDialog onClose={close} />}
      {dialog?.kind === 'import-error' && <ImportErrorDialog fileName={dialog.fileName} issues={dialog.issues} onClose={close} />}
      {dialog?.kind === 'confirm-delete-workflow' && <DeleteWorkflowDialog id={dialog.id} name={dialog.name} onClose={close} />}
      {dialog?.kind === 'rename-workflow' && <RenameWorkflowDialog id={dialog.id} name={dialog.name} onClose={close} />}
      {dialog?.kind === 'connect' && <ConnectDialog id={dialog.id} onClose={close} />}
      {dialog?.kind === 'export' && doc && (
        <Suspense fallback={null}>
          <ExportDialog doc={doc} nodeId={dialog.nodeId} onClose={close} />
        </Suspense>
      )}
    </>
  );
}
