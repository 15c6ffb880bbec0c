import { useCallback, useRef, useState } from 'react';
import styles from './SplitPane.module.css';
import { cx } from '../ui/cx';

/**
 * A draggable divider that resizes the panel next to it; the size is kept per panel in localStorage.
 * `side` says where the panel is relative to the divider ('left' panel, 'right' panel or 'bottom' panel).
 */
export function usePanelSize(key: string, initial: number, min: number, max: number) {
  const [size, setSize] = useState(() => {
    const saved = Number(localStorage.getItem(`podflow.panel.${key}`));
    return Number.isFinite(saved) && saved >= min && saved <= max ? saved : initial;
  });
  const set = useCallback(
    (n: number) => {
      const v = Math.round(Math.min(max, Math.max(min, n)));
      setSize(v);
      try {
        localStorage.setItem(`podflow.panel.${key}`, String(v));
      } catch {
        /* ignore */
      }
    },
    [key, min, max],
  );
  return [size, set] as const;
}

export function Resizer(props: { side: 'left' | 'right' | 'bottom'; size: number; setSize: (n: number) => void; label: string }) {
  const start = useRef<{ pos: number; size: number } | null>(null);
  const vertical = props.side === 'bottom';
  return (
    <div
      className={cx(styles.resizer, vertical ? styles.horizontal : styles.vertical)}
      role="separator"
      aria-orientation={vertical ? 'horizontal' : 'vertical'}
      aria-label={props.label}
      aria-valuenow={props.size}
      tabIndex={0}
      onPointerDown={(e) => {
        e.preventDefault();
        (e.target as HTMLElement).setPointerCapture(e.pointerId);
        start.current = { pos: vertical ? e.clientY : e.clientX, size: props.size };
        document.body.classList.add((vertical ? styles.resizingRows : styles.resizingCols)!);
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        const delta = (vertical ? e.clientY : e.clientX) - start.current.pos;
        const sign = props.side === 'left' ? 1 : -1;
        props.setSize(start.current.size + sign * delta);
      }}
      onPointerUp={() => {
        start.current = null;
        document.body.classList.remove(styles.resizingRows!, styles.resizingCols!);
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 40 : 10;
        const grow = props.side === 'left' ? 'ArrowRight' : props.side === 'right' ? 'ArrowLeft' : 'ArrowUp';
        const shrink = props.side === 'left' ? 'ArrowLeft' : props.side === 'right' ? 'ArrowRight' : 'ArrowDown';
        if (e.key === grow) props.setSize(props.size + step);
        if (e.key === shrink) props.setSize(props.size - step);
      }}
    />
  );
}
