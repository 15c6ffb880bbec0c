import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { comboMatches } from './combo-matches';
import { FieldMessages } from './fields';
import formCss from './form.module.css';
import styles from './ComboBox.module.css';
import { cx } from '../../ui/cx';

const LIMIT = 50;
const LIST_MAX = 240; // px

/** Where the list goes: fixed to the viewport (no scrolling panel clips it), below the box, or above where there is more room. */
function placeList(box: DOMRect): CSSProperties {
  const below = window.innerHeight - box.bottom - 8;
  const above = box.top - 8;
  const up = below < Math.min(LIST_MAX, 160) && above > below;
  const maxHeight = Math.min(LIST_MAX, up ? above : below);
  return { position: 'fixed', left: box.left, width: box.width, maxHeight, ...(up ? { bottom: window.innerHeight - box.top + 4 } : { top: box.bottom + 4 }) };
}

/**
 * Pick one of many names by typing: a text box that lists the matching choices (at most 50, with how many more) as
 * an ARIA combobox. For lists a <select> cannot hold: a workflow of 5,000 nodes would give a <select> 5,000 options
 * to render and to scroll through. Arrow keys and Enter pick, Escape puts back the current value. Text that names no
 * choice stays in the box with a message and changes nothing.
 */
export function ComboBox(props: {
  value: string;
  choices: readonly string[];
  onChange: (value: string) => void;
  ariaLabel: string;
  /** What text that names no choice is called in the message: "no node named …". */
  noun: string;
  testId?: string;
  invalid?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [place, setPlace] = useState<CSSProperties>({});
  const { shown, more } = useMemo(() => (open ? comboMatches(props.choices, draft ?? '', LIMIT) : { shown: [], more: 0 }), [open, props.choices, draft]);
  const optionId = (i: number) => `${listId}-${i}`;
  const activeIndex = Math.min(active, shown.length - 1);

  useEffect(() => {
    if (open && activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  });
  useLayoutEffect(() => {
    if (!open) return;
    const measure = () => input.current && setPlace(placeList(input.current.getBoundingClientRect()));
    measure();
    // The list is fixed to the viewport: a scroll of the panel under it, or a resize, moves the box away from it.
    const onScroll = (e: Event) => {
      if (!(e.target instanceof Node && document.getElementById(listId)?.contains(e.target))) setOpen(false);
    };
    window.addEventListener('resize', measure);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      window.removeEventListener('resize', measure);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, [open, listId]);

  const pick = (choice: string) => {
    setDraft(null);
    setOpen(false);
    if (choice !== props.value) props.onChange(choice);
  };
  const unknown = draft !== null && !open && !props.choices.includes(draft);

  return (
    <div className={styles.combo}>
      <input
        ref={input}
        className={cx('input', formCss.inspInput, 'mono', (props.invalid || unknown) && 'invalid')}
        role="combobox"
        aria-label={props.ariaLabel}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-invalid={props.invalid || unknown || undefined}
        data-testid={props.testId}
        value={draft ?? props.value}
        spellCheck={false}
        autoComplete="off"
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onChange={(e) => {
          setDraft(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (!open) return setOpen(true);
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive(Math.max(0, Math.min(shown.length - 1, activeIndex + step)));
          } else if (e.key === 'Enter') {
            const choice = open ? shown[activeIndex] : draft !== null && props.choices.includes(draft) ? draft : undefined;
            if (choice !== undefined) {
              e.preventDefault();
              pick(choice);
            }
          } else if (e.key === 'Escape' && (open || draft !== null)) {
            e.preventDefault();
            e.stopPropagation();
            setDraft(null);
            setOpen(false);
          }
        }}
        onBlur={() => {
          setOpen(false);
          if (draft !== null && props.choices.includes(draft)) pick(draft);
          else if (draft === props.value) setDraft(null);
        }}
      />
      {open && (
        <ul className={styles.list} style={place} id={listId} role="listbox" aria-label={props.ariaLabel}>
          {shown.map((choice, i) => (
            <li
              key={choice}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              className={cx(styles.option, i === activeIndex && styles.active, choice === props.value && styles.current)}
              onMouseDown={(e) => {
                e.preventDefault(); // keep the focus in the box
                pick(choice);
              }}
              onMouseMove={() => i !== activeIndex && setActive(i)}
            >
              {choice}
            </li>
          ))}
          {shown.length === 0 && <li className={styles.note}>No {props.noun} matches “{draft}”</li>}
          {more > 0 && <li className={styles.note}>{more.toLocaleString()} more — type to narrow</li>}
        </ul>
      )}
      {unknown && <FieldMessages problems={[{ message: `There is no ${props.noun} named “${draft}”: still ${props.value}. Pick one from the list, or press Escape.`, severity: 'error' }]} />}
    </div>
  );
}
