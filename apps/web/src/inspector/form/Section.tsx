import { useState, type ReactNode } from 'react';
import { ChevronDownIcon, ChevronRightIcon } from '../../ui/icons';
import type { Path } from '../model/immutable';
import { pathKey } from '../model/paths';
import { useProblems, worst } from './problems';
import { useOpenForReveal } from '../reveal';

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
    <section className={`insp-section${open ? ' open' : ''}`} data-testid={props.testId} data-path={props.path ? pathKey(props.path) : undefined}>
      <header className="insp-section-header">
        <button type="button" className="insp-section-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
          <span className="insp-section-title">{props.title}</span>
          {level && (
            <span className={`insp-badge ${level}`} title={`${problems.length} problem${problems.length === 1 ? '' : 's'}`}>
              {problems.length}
            </span>
          )}
        </button>
        {props.actions && <div className="insp-section-actions">{props.actions}</div>}
      </header>
      {open && (
        <div className="insp-section-body">
          {props.description && <p className="insp-section-description">{props.description}</p>}
          {props.children}
        </div>
      )}
    </section>
  );
}

/** A label over a list of rows, with an add button. */
export function ListHeader(props: { label: ReactNode; onAdd?: () => void; addLabel?: string; testId?: string; disabled?: boolean }) {
  return (
    <div className="insp-list-header">
      <span className="insp-label">{props.label}</span>
      {props.onAdd && (
        <button type="button" className="btn btn-ghost btn-sm insp-add" onClick={props.onAdd} data-testid={props.testId} disabled={props.disabled}>
          + {props.addLabel ?? 'Add'}
        </button>
      )}
    </div>
  );
}
