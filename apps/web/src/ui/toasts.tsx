import { create } from 'zustand';
import { CheckCircleIcon, ErrorIcon, InfoIcon, XIcon } from './icons';

/** Short, non-blocking messages ("Copied 2 nodes", "Pasting needs…"). */
export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
}

interface ToastStore {
  toasts: Toast[];
}

export const useToasts = create<ToastStore>(() => ({ toasts: [] }));
let nextId = 1;

export function toast(message: string, kind: Toast['kind'] = 'info', ms = kind === 'error' ? 6000 : 2600): void {
  const id = nextId++;
  useToasts.setState((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message }] }));
  window.setTimeout(() => dismiss(id), ms);
}

const dismiss = (id: number) => useToasts.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} data-testid="toast">
          {t.kind === 'success' ? <CheckCircleIcon /> : t.kind === 'error' ? <ErrorIcon /> : <InfoIcon />}
          <span>{t.message}</span>
          <button className="icon-btn sm" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            <XIcon size={13} />
          </button>
        </div>
      ))}
    </div>
  );
}
