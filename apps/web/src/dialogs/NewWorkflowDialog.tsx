import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { isDns1123Label } from '@podflow/core';
import { examplesApi } from '../api/workflows-api';
import { blankWorkflow, createWorkflow } from '../workflows/workflow-actions';
import { Dialog } from '../ui/Dialog';
import { toast } from '../ui/toasts';
import { FileIcon, PlusIcon } from '../ui/icons';
import styles from './NewWorkflowDialog.module.css';
import { cx } from '../ui/cx';

/** Create a workflow: blank, or a copy of one of the examples. */
export function NewWorkflowDialog({ onClose }: { onClose: () => void }) {
  const examples = useQuery({ queryKey: ['examples'], queryFn: examplesApi.list });
  const [choice, setChoice] = useState<string | null>(null); // null = blank
  const [name, setName] = useState('untitled-workflow');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const valid = isDns1123Label(name);
  const pick = (example: string | null) => {
    setChoice(example);
    if (!touched) setName(example ?? 'untitled-workflow');
  };
  const submit = async () => {
    if (!valid) return;
    setBusy(true);
    try {
      if (choice === null) await createWorkflow(blankWorkflow(name));
      else {
        const ex = await examplesApi.get(choice);
        await createWorkflow({ ...ex.document, metadata: { ...ex.document.metadata, name } });
      }
      onClose();
    } catch (e) {
      toast((e as Error).message, 'error');
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="New workflow"
      onClose={onClose}
      width={600}
      testId="new-workflow-dialog"
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn-primary" disabled={!valid || busy} onClick={() => void submit()} data-testid="create-workflow">
            Create workflow
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">Name</span>
        <input
          className={`input mono${valid ? '' : ' invalid'}`}
          value={name}
          data-testid="new-workflow-name"
          onChange={(e) => {
            setTouched(true);
            setName(e.target.value.toLowerCase().replace(/[\s_]+/g, '-'));
          }}
          onKeyDown={(e) => e.key === 'Enter' && void submit()}
          data-autofocus
        />
        {!valid && <span className="field-error">Lowercase letters, digits and “-” (it names the pods).</span>}
      </label>
      <div className="field-label" style={{ marginTop: 16 }}>
        Start from
      </div>
      <div className={styles.templateGrid} role="radiogroup">
        <button role="radio" aria-checked={choice === null} className={cx(styles.template, choice === null && styles.selected)} onClick={() => pick(null)} data-testid="template-blank">
          <PlusIcon size={16} />
          <span className={styles.templateTitle}>Blank workflow</span>
          <span className={styles.templateDesc}>An empty canvas</span>
        </button>
        {(examples.data ?? []).map((ex) => (
          <button
            key={ex.name}
            role="radio"
            aria-checked={choice === ex.name}
            className={cx(styles.template, choice === ex.name && styles.selected)}
            onClick={() => pick(ex.name)}
            data-testid={`template-${ex.name}`}
          >
            <FileIcon size={16} />
            <span className={styles.templateTitle}>{ex.title}</span>
            {ex.description && <span className={styles.templateDesc}>{ex.description}</span>}
          </button>
        ))}
        {examples.isLoading && <div className={cx(styles.template, 'loading')}>Loading examples…</div>}
      </div>
    </Dialog>
  );
}
