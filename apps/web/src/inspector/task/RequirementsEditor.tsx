import { useState } from 'react';
import { parseRequirement, type RequirementsMode } from '@podflow/core';
import { XIcon } from '../../ui/icons';
import type { Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { FieldMessages, TextInput } from '../form/fields';
import { useProblems } from '../form/problems';
import styles from './RequirementsEditor.module.css';
import formCss from '../form/form.module.css';
import { cx } from '../../ui/cx';

/**
 * A task's Python packages (`requirements`): one pip requirement per row, edited in place, removed with ×, added from
 * the box below (Enter, or paste several lines at once). The messages under each row are core's diagnostics for
 * `spec.tasks[i].requirements[j]` — what Problems, the CLI and the server say — never a check of this component's own.
 */
export function RequirementsEditor(props: {
  value: readonly string[] | undefined;
  path: Path;
  mode: RequirementsMode;
  onChange: (next: string[] | undefined, label: string) => void;
}) {
  const items = props.value ?? [];
  const problems = useProblems();
  const [draft, setDraft] = useState('');
  const set = (next: string[], label: string) => props.onChange(next.length ? next : undefined, label);
  const add = (text: string) => {
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0) return;
    set([...items, ...lines], lines.length === 1 ? 'Add Python package' : 'Add Python packages');
    setDraft('');
  };
  // Only a hint while typing (which name it reads); whether it is allowed is core's rule, shown once it is added.
  const preview = draft.trim() ? parseRequirement(draft.trim()) : undefined;

  return (
    <div className={styles.editor} data-path={pathKey(props.path)} data-testid="requirements">
      {items.length > 0 && (
        <ul className={styles.list} aria-label="Python packages">
          {items.map((item, i) => (
            <li key={i} className={styles.row} data-path={pathKey([...props.path, i])}>
              <div className={styles.inputs}>
                <TextInput
                  value={item}
                  mono
                  invalid={problems.at([...props.path, i]).some((p) => p.severity === 'error')}
                  ariaLabel={`Python package ${i + 1}`}
                  testId={`requirement-${i}`}
                  onChange={(text) => set(items.map((x, j) => (j === i ? text : x)), 'Edit Python package')}
                />
                <button type="button" className="icon-btn sm" aria-label={`Remove ${item || `package ${i + 1}`}`} data-testid={`requirement-remove-${i}`} onClick={() => set(items.filter((_, j) => j !== i), 'Remove Python package')}>
                  <XIcon size={13} />
                </button>
              </div>
              <FieldMessages problems={problems.at([...props.path, i])} />
            </li>
          ))}
        </ul>
      )}
      {items.length === 0 && <div className={styles.empty}>None: the task imports only what its image (or this machine) has.</div>}
      <div className={styles.add}>
        {/* A plain input (not TextInput, which keeps its text while focused): it empties once the package is added. */}
        <input
          className={cx('input', formCss.inspInput, 'mono')}
          value={draft}
          placeholder="requests==2.32.3"
          aria-label="Add a Python package"
          data-testid="requirement-new"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setDraft(e.target.value)}
          onPaste={(e) => {
            const text = e.clipboardData.getData('text');
            if (!text.includes('\n')) return;
            e.preventDefault();
            add(text);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add(draft);
            }
          }}
        />
        <button type="button" className="btn btn-sm" data-testid="requirement-add" disabled={draft.trim() === ''} onClick={() => add(draft)}>
          Add
        </button>
      </div>
      {preview?.ok && <div className={styles.hint}>pip package “{preview.requirement.normalizedName}”{preview.requirement.specifiers.length ? `, version ${preview.requirement.specifiers.join(', ')}` : ', any version'}</div>}
      <p className={styles.hint}>
        pip requirements (PEP 508): <code>name</code>, <code>name==1.2</code>, <code>name[extra]&gt;=1,&lt;2</code>. Run here, each set is installed once into a cached environment.{' '}
        {props.mode === 'install' ? 'On a cluster, an init container installs them before the task starts.' : 'On a cluster, the image must already contain them (workflow settings).'}
      </p>
    </div>
  );
}
