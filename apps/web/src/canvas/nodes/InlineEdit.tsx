import { useEffect, useRef, useState } from 'react';
import styles from './InlineEdit.module.css';
import { cx } from '../../ui/cx';

/**
 * A text that becomes a field on double-click (or when `editing` is set from outside, e.g. right after a drop).
 * Enter or leaving the field commits; Escape cancels. `commit` returns an error message to keep the field open.
 */
export function InlineEdit(props: {
  value: string;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
  commit: (value: string) => string | undefined;
  className?: string;
  label: string;
  testId?: string;
  mono?: boolean;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState(props.value);
  const [error, setError] = useState<string | undefined>();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.editing) {
      setDraft(props.value);
      setError(undefined);
      // A node that was just added stays hidden until React Flow has measured it, and a hidden field cannot take
      // focus: try again for a few frames.
      let frames = 0;
      let handle = 0;
      const tryFocus = () => {
        const el = ref.current;
        if (!el) return;
        el.focus();
        if (document.activeElement === el) el.select();
        else if (frames++ < 30) handle = requestAnimationFrame(tryFocus);
      };
      handle = requestAnimationFrame(tryFocus);
      return () => cancelAnimationFrame(handle);
    }
  }, [props.editing, props.value]);
  if (!props.editing) {
    return (
      <span
        className={cx(styles.inlineText, props.className)}
        onDoubleClick={(e) => {
          e.stopPropagation();
          props.onEditingChange(true);
        }}
        title={`${props.label} — double-click to edit`}
        data-testid={props.testId}
      >
        {props.value || <span className="faint">{props.placeholder}</span>}
      </span>
    );
  }
  const finish = (save: boolean) => {
    if (save && draft !== props.value) {
      const problem = props.commit(draft.trim());
      if (problem) {
        setError(problem);
        return;
      }
    }
    props.onEditingChange(false);
  };
  return (
    <span className={styles.inlineEditWrap}>
      <input
        ref={ref}
        className={cx(styles.inlineInput, 'nodrag', 'nopan', props.mono && 'mono', error && styles.invalid)}
        aria-label={props.label}
        aria-invalid={!!error}
        data-testid={props.testId ? `${props.testId}-input` : undefined}
        value={draft}
        size={Math.max(4, draft.length + 1)}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') finish(true);
          else if (e.key === 'Escape') finish(false);
        }}
        onBlur={() => finish(true)}
      />
      {error && (
        <span className={styles.inlineError} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
