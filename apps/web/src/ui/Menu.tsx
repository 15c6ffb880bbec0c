import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import styles from './Menu.module.css';
import { cx } from './cx';

/**
 * A dropdown menu anchored to a trigger button, or opened at a point (context menu). Arrow keys move, Enter picks,
 * Escape closes.
 */
export interface MenuItem {
  id: string;
  label: ReactNode;
  icon?: ReactNode;
  shortcut?: string;
  disabled?: boolean;
  danger?: boolean;
  onSelect: () => void;
}
export type MenuEntry = MenuItem | { separator: true; id: string } | { heading: ReactNode; id: string };

export function MenuList(props: { entries: MenuEntry[]; onClose: () => void; style?: React.CSSProperties; testId?: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState(props.style);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) props.onClose();
    };
    window.addEventListener('mousedown', onDown, true);
    return () => window.removeEventListener('mousedown', onDown, true);
  }, []);
  useLayoutEffect(() => {
    // Keep a point-anchored menu inside the window.
    const el = ref.current;
    if (!el || !props.style || props.style.position !== 'fixed') return;
    const r = el.getBoundingClientRect();
    const left = Math.min(Number(props.style.left ?? 0), window.innerWidth - r.width - 8);
    const top = Math.min(Number(props.style.top ?? 0), window.innerHeight - r.height - 8);
    if (left !== props.style.left || top !== props.style.top) setPos({ ...props.style, left, top });
  }, [props.style]);
  const move = (dir: 1 | -1) => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? []);
    const i = items.indexOf(document.activeElement as HTMLElement);
    items[(i + dir + items.length) % items.length]?.focus();
  };
  return (
    <div
      ref={ref}
      className={cx(styles.menu, props.className)}
      role="menu"
      style={pos}
      data-testid={props.testId}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          move(1);
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          move(-1);
        } else if (e.key === 'Escape') {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      {props.entries.map((entry) =>
        'separator' in entry ? (
          <div key={entry.id} className={styles.menuSeparator} role="separator" />
        ) : 'heading' in entry ? (
          <div key={entry.id} className={styles.menuHeading}>
            {entry.heading}
          </div>
        ) : (
          <button
            key={entry.id}
            role="menuitem"
            className={cx(styles.menuItem, entry.danger && styles.danger)}
            disabled={entry.disabled}
            data-testid={`menu-${entry.id}`}
            onClick={() => {
              props.onClose();
              entry.onSelect();
            }}
          >
            <span className={styles.menuIcon}>{entry.icon}</span>
            <span className={styles.menuLabel}>{entry.label}</span>
            {entry.shortcut && <span className={styles.menuShortcut}>{entry.shortcut}</span>}
          </button>
        ),
      )}
    </div>
  );
}

/** A button that opens a menu below itself. */
export function MenuButton(props: {
  trigger: (open: boolean) => ReactNode;
  entries: MenuEntry[] | (() => MenuEntry[]);
  className?: string;
  label: string;
  testId?: string;
  align?: 'left' | 'right';
  menuTestId?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className={styles.menuAnchor}>
      <button
        className={props.className ?? 'btn btn-ghost'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={props.label}
        title={props.label}
        data-testid={props.testId}
        onClick={() => setOpen((o) => !o)}
      >
        {props.trigger(open)}
      </button>
      {open && (
        <MenuList
          entries={typeof props.entries === 'function' ? props.entries() : props.entries}
          onClose={() => setOpen(false)}
          className={props.align === 'right' ? styles.alignRight : undefined}
          testId={props.menuTestId}
        />
      )}
    </div>
  );
}
