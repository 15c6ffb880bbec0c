import { useEffect, useState } from 'react';
import { isDns1123Label, updateWorkflowMeta } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';
import styles from './WorkflowName.module.css';
import { cx } from '../ui/cx';

/** The workflow's name, edited in place; a name must be a DNS-1123 label (it names pods). */
export function WorkflowName() {
  const name = useEditorStore((s) => s.doc?.metadata.name ?? '');
  const [draft, setDraft] = useState(name);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(name);
  }, [name, focused]);
  const valid = isDns1123Label(draft);
  const commit = () => {
    setFocused(false);
    const next = draft.trim();
    if (!next || next === name || !isDns1123Label(next)) {
      setDraft(name);
      return;
    }
    useEditorStore.getState().apply((doc) => {
      const r = updateWorkflowMeta(doc, { name: next });
      return r.ok ? r.doc : doc;
    }, 'Rename workflow');
  };
  return (
    <div className={styles.wfNameWrap}>
      <input
        className={cx(styles.wfName, focused && !valid && styles.invalid)}
        value={focused ? draft : name}
        aria-label="Workflow name"
        data-testid="workflow-name"
        spellCheck={false}
        size={Math.max(8, (focused ? draft : name).length + 1)}
        onFocus={() => {
          setFocused(true);
          setDraft(name);
        }}
        onChange={(e) => setDraft(e.target.value.toLowerCase().replace(/[\s_]+/g, '-'))}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          if (e.key === 'Escape') {
            setDraft(name);
            setFocused(false);
            requestAnimationFrame(() => (e.target as HTMLInputElement).blur());
          }
        }}
      />
      {focused && !valid && <span className={styles.wfNameError}>Lowercase letters, digits and “-”, at most 63</span>}
    </div>
  );
}
