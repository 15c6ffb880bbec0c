import { useState, type ReactNode } from 'react';
import { ChevronDownIcon, ChevronRightIcon } from '../../ui/icons';
import type { Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { useProblems, worst } from './problems';
import { useOpenForReveal } from '../reveal';
import styles from './Section.module.css';
import { cx } from '../../ui/cx';
import formCss from './form.module.css';

/** A titled group of fields that folds away; its header counts the problems inside. */
export function Section(props: {
  title: ReactNode;
  path?: Path;
  /** Extra document paths whose problems count towards the header badge. */
  problemPaths?: readonly Path[];
  actions?: ReactNode;
  defaultOpen?: boolean;
  children: ReactNode;
  testId?: string;
  description?: ReactNode;
}) {
  const [open, setOpen] = useState(props.defaultOpen ?? true);
  useOpenForReveal(props.path, open, setOpen);
  useOpenForReveal(props.problemPaths?.[0], open, setOpen);
  useOpenForReveal(props.problemPaths?.[1], open, setOpen);
  const index = useProblems();
  const problems = [...(props.path ? index.under(props.path) : []), ...(props.problemPaths ?? []).flatMap((p) => index.under(p))];
  const level = worst(problems);
  return (
    <section className={styles.inspSection} data-testid={props.testId} data-path={props.path ? pathKey(props.path) : undefined}>
      <header className={styles.inspSectionHeader}>
        <button type="button" className={styles.inspSectionToggle} aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
          <span className={styles.inspSectionTitle}>{props.title}</span>
          {level && (
            <span className={cx(formCss.inspBadge, `tone-${level}`)} title={`${problems.length} problem${problems.length === 1 ? '' : 's'}`}>
              {problems.length}
            </span>
          )}
        </button>
        {props.actions && <div className={styles.inspSectionActions}>{props.actions}</div>}
      </header>
      {open && (
        <div className={styles.inspSectionBody}>
          {props.description && <p className={formCss.inspSectionDescription}>{props.description}</p>}
          {props.children}
        </div>
      )}
    </section>
  );
}

/** A label over a list of rows, with an add button. */
export function ListHeader(props: { label: ReactNode; onAdd?: () => void; addLabel?: string; testId?: string; disabled?: boolean }) {
  return (
    <div className={formCss.inspListHeader}>
      <span className={formCss.inspLabel}>{props.label}</span>
      {props.onAdd && (
        <button type="button" className={cx('btn', 'btn-ghost', 'btn-sm', styles.inspAdd)} onClick={props.onAdd} data-testid={props.testId} disabled={props.disabled}>
          + {props.addLabel ?? 'Add'}
        </button>
      )}
    </div>
  );
}
