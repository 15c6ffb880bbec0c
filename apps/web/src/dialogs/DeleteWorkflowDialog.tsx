import { useState } from 'react';
import { deleteWorkflow } from '../workflows/workflow-actions';
import { Dialog } from '../ui/Dialog';
import { toast } from '../ui/toasts';

export function DeleteWorkflowDialog({ id, name, onClose }: { id: string; name: string; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      title={`Delete ${name}?`}
      description="The workflow, its versions and its draft are deleted from the server. This cannot be undone."
      onClose={onClose}
      width={440}
      testId="delete-workflow-dialog"
      footer={
        <>
          <button className="btn" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button
            className="btn btn-danger"
            disabled={busy}
            data-testid="confirm-delete"
            onClick={async () => {
              setBusy(true);
              try {
                await deleteWorkflow(id);
                toast(`Deleted ${name}`, 'success');
                onClose();
              } catch (e) {
                toast((e as Error).message, 'error');
                setBusy(false);
              }
            }}
          >
            Delete workflow
          </button>
        </>
      }
    >
      {null}
    </Dialog>
  );
}
