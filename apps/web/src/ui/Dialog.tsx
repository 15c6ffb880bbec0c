import { useEffect, useRef, type ReactNode } from 'react';
import { XIcon } from './icons';

/** A modal dialog: Escape and the backdrop close it; focus moves into it and returns afterwards. */
export function Dialog(props: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** Pixels, or any CSS width. */
  width?: number | string;
  /** Extra class on the dialog box (a CSS module's, e.g. a full-screen variant). */
  className?: string;
  testId?: string;
  description?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus], input, textarea, button.btn-primary, button');
    first?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) props.onClose();
      }}
    >
      <div
        ref={ref}
        className={props.className ? `dialog ${props.className}` : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-label={typeof props.title === 'string' ? props.title : undefined}
        data-testid={props.testId}
        style={{ width: props.width ?? 480 }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
          }
        }}
      >
        <div className="dialog-header">
          <div>
            <h2 className="dialog-title">{props.title}</h2>
            {props.description && <p className="dialog-description">{props.description}</p>}
          </div>
          <button className="icon-btn sm" onClick={props.onClose} aria-label="Close">
            <XIcon size={15} />
          </button>
        </div>
        <div className="dialog-body">{props.children}</div>
        {props.footer && <div className="dialog-footer">{props.footer}</div>}
      </div>
    </div>
  );
}
