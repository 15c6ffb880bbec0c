import { useState } from 'react';
import { isDns1123Label } from '@podflow/core';
import { renameWorkflow } from '../workflows/workflow-actions';
import { Dialog } from '../ui/Dialog';
import { toast } from '../ui/toasts';

/** Renames a workflow that is not open (from the workflows list). */
export function RenameWorkflowDialog({ id, name, onClose }: { id: string; name: string; onClose: () => void }) {
  const [value, setValue] = useState(name);
  const valid = isDns1123Label(value);
  const submit = async () => {
    if (!valid) return;
    try {
      await renameWorkflow(id, value);
      onClose();
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  };
  return (
    <Dialog
      title="Rename workflow"
      onClose={onClose}
      width={420}
      testId="rename-workflow-dialog"
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn-primary" disabled={!valid} onClick={() => void submit()} data-testid="rename-submit">
            Rename
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">Name</span>
        <input
          className={`input mono${valid ? '' : ' invalid'}`}
          value={value}
          onChange={(e) => setValue(e.target.value.toLowerCase())}
          onKeyDown={(e) => e.key === 'Enter' && void submit()}
          data-autofocus
        />
        {!valid && <span className="field-error">Lowercase letters, digits and “-”, starting and ending with a letter or digit.</span>}
      </label>
    </Dialog>
  );
}
