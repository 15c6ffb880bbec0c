import { useId, useState, type ReactNode } from 'react';
import type { Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { useProblems, type ShownProblem } from './problems';
import styles from './fields.module.css';
import formCss from './form.module.css';
import { cx } from '../../ui/cx';

/** Problems of one field of a row, named: "is required" becomes "Mount path is required". */
export function labelled(label: string, problems: readonly ShownProblem[]): ShownProblem[] {
  return problems.map((p) => ({ ...p, message: /^(is|must|should|may|applies) /.test(p.message) ? `${label} ${p.message}` : `${label}: ${p.message}` }));
}

/** Messages for one field, below it. */
export function FieldMessages({ problems }: { problems: readonly ShownProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className={styles.inspMessages}>
      {problems.map((p, i) => (
        <div key={i} className={cx(styles.inspMessage, `tone-${p.severity}`)} data-testid="field-problem" data-severity={p.severity} role={p.severity === 'error' ? 'alert' : undefined}>
          {p.message}
        </div>
      ))}
    </div>
  );
}

/**
 * A labelled field. `path` is the document path it edits: problems at that path are shown beside it, and the
 * problems panel finds it (data-path) to scroll to and highlight.
 */
export function Field(props: {
  label: ReactNode;
  path?: Path;
  hint?: ReactNode;
  extraProblems?: readonly ShownProblem[];
  className?: string;
  children: (id: string, invalid: boolean) => ReactNode;
}) {
  const id = useId();
  const problems = [...(props.extraProblems ?? []), ...useProblems().at(props.path ?? [])];
  const shown = props.path ? problems : props.extraProblems ?? [];
  const invalid = shown.some((p) => p.severity === 'error');
  return (
    <div className={cx(formCss.inspField, props.className)} data-path={props.path ? pathKey(props.path) : undefined}>
      <label className={formCss.inspLabel} htmlFor={id}>
        {props.label}
      </label>
      {props.children(id, invalid)}
      {props.hint && shown.length === 0 && <div className={formCss.inspHint}>{props.hint}</div>}
      <FieldMessages problems={shown} />
    </div>
  );
}

/**
 * A text input that keeps what is being typed while it has focus (so an edit that the document stores differently,
 * or an update arriving late, never moves the caret), and reports every keystroke.
 */
export function TextInput(props: {
  id?: string;
  value: string | undefined;
  onChange: (value: string) => void;
  placeholder?: string;
  invalid?: boolean;
  disabled?: boolean;
  mono?: boolean;
  testId?: string;
  ariaLabel?: string;
  className?: string;
  onBlur?: () => void;
  onKeyDown?: (e: React.KeyboardEvent<HTMLInputElement>) => void;
  list?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      id={props.id}
      className={cx('input', formCss.inspInput, props.mono && 'mono', props.invalid && 'invalid', props.className)}
      value={draft ?? props.value ?? ''}
      placeholder={props.placeholder}
      disabled={props.disabled}
      aria-invalid={props.invalid || undefined}
      aria-label={props.ariaLabel}
      data-testid={props.testId}
      spellCheck={false}
      autoComplete="off"
      list={props.list}
      onChange={(e) => {
        setDraft(e.target.value);
        props.onChange(e.target.value);
      }}
      onBlur={() => {
        setDraft(null);
        props.onBlur?.();
      }}
      onKeyDown={props.onKeyDown}
    />
  );
}

/** Whole numbers or decimals; empty clears the field. Text that is not a number stays in the box with a message. */
export function NumberInput(props: {
  id?: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  placeholder?: string;
  integer?: boolean;
  min?: number;
  max?: number;
  invalid?: boolean;
  disabled?: boolean;
  testId?: string;
  ariaLabel?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (props.value === undefined ? '' : String(props.value));
  const problem = draft === null ? undefined : numberProblem(draft, props);
  return (
    <>
      <input
        id={props.id}
        className={cx('input', formCss.inspInput, (problem || props.invalid) && 'invalid')}
        inputMode={props.integer ? 'numeric' : 'decimal'}
        value={text}
        placeholder={props.placeholder}
        disabled={props.disabled}
        data-testid={props.testId}
        aria-label={props.ariaLabel}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          if (t.trim() === '') props.onChange(undefined);
          else if (!numberProblem(t, props)) props.onChange(Number(t));
        }}
        onBlur={() => setDraft(null)}
      />
      {problem && <FieldMessages problems={[{ message: problem, severity: 'error' }]} />}
    </>
  );
}

function numberProblem(text: string, o: { integer?: boolean; min?: number; max?: number }): string | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return 'must be a number';
  if (o.integer && !Number.isInteger(n)) return 'must be a whole number';
  if (o.min !== undefined && n < o.min) return `must be at least ${o.min}`;
  if (o.max !== undefined && n > o.max) return `must be at most ${o.max}`;
  return undefined;
}

export function Select<T extends string>(props: {
  id?: string;
  value: T | undefined;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  disabled?: boolean;
  invalid?: boolean;
  testId?: string;
  ariaLabel?: string;
  className?: string;
}) {
  const known = props.options.some((o) => o.value === (props.value ?? ''));
  return (
    <select
      id={props.id}
      className={cx('input', formCss.inspSelect, props.invalid && 'invalid', props.className)}
      value={props.value ?? ''}
      disabled={props.disabled}
      data-testid={props.testId}
      aria-label={props.ariaLabel}
      onChange={(e) => props.onChange(e.target.value as T)}
    >
      {!known && <option value={props.value}>{props.value} (not a known value)</option>}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function Checkbox(props: { id?: string; checked: boolean; onChange: (v: boolean) => void; label: ReactNode; disabled?: boolean; testId?: string; path?: Path }) {
  return (
    <label className={styles.inspCheckbox} data-path={props.path ? pathKey(props.path) : undefined}>
      <input id={props.id} type="checkbox" checked={props.checked} disabled={props.disabled} data-testid={props.testId} onChange={(e) => props.onChange(e.target.checked)} />
      <span>{props.label}</span>
    </label>
  );
}

export function TextArea(props: { id?: string; value: string | undefined; onChange: (v: string) => void; placeholder?: string; rows?: number; testId?: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <textarea
      id={props.id}
      className={cx('input', formCss.inspTextarea)}
      rows={props.rows ?? 2}
      value={draft ?? props.value ?? ''}
      placeholder={props.placeholder}
      data-testid={props.testId}
      onChange={(e) => {
        setDraft(e.target.value);
        props.onChange(e.target.value);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}

/** A note that explains why a field is disabled or what Podflow does with it. */
export function Note({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'warning' }) {
  return <div className={cx(formCss.inspCallout, kind === 'warning' && formCss.strong, kind === 'warning' && 'tone-warning')}>{children}</div>;
}
