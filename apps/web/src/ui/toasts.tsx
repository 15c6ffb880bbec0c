import { createPortal } from 'react-dom';
import { create } from 'zustand';
import { CheckCircleIcon, ErrorIcon, InfoIcon, XIcon } from './icons';
import { useModalStack } from './modal-stack';
import styles from './toasts.module.css';
import { cx } from './cx';

/** Short, non-blocking messages ("Copied 2 nodes", "Pasting needs…"). */
export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
  /** A button in the toast ("Remove task", "Undo"); pressing it runs `run` and dismisses the toast. */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run: () => void;
  testId?: string;
}

interface ToastStore {
  toasts: Toast[];
}

export const useToasts = create<ToastStore>(() => ({ toasts: [] }));
let nextId = 1;

export function toast(message: string, kind: Toast['kind'] = 'info', ms = kind === 'error' ? 6000 : 2600, action?: ToastAction): void {
  const id = nextId++;
  useToasts.setState((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message, ...(action ? { action } : {}) }] }));
  window.setTimeout(() => dismiss(id), ms);
}

/** A toast that offers one action, shown long enough to read and reach with the keyboard. */
export function offer(message: string, action: ToastAction, ms = 10_000): void {
  toast(message, 'info', ms, action);
}

const dismiss = (id: number) => useToasts.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  // With a modal dialog open the page is inert: the toasts show inside the innermost dialog, above its backdrop.
  const modal = useModalStack((s) => s.dialogs.at(-1));
  const region = (
    <div className={styles.toasts} role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={cx(styles.toast, styles[t.kind])} data-testid="toast">
          {t.kind === 'success' ? <CheckCircleIcon /> : t.kind === 'error' ? <ErrorIcon /> : <InfoIcon />}
          <span>{t.message}</span>
          {t.action && (
            <button
              className={styles.toastAction}
              data-testid={t.action.testId ?? 'toast-action'}
              onClick={() => {
                t.action!.run();
                dismiss(t.id);
              }}
            >
              {t.action.label}
            </button>
          )}
          <button className="icon-btn sm" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            <XIcon size={13} />
          </button>
        </div>
      ))}
    </div>
  );
  return modal ? createPortal(region, modal) : region;
}
