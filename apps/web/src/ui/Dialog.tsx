import { useEffect, useId, useRef, type ReactNode } from 'react';
import { XIcon } from './icons';
import { pushModal } from './modal-stack';
import styles from './Dialog.module.css';

/**
 * A modal dialog on the browser's own `<dialog>` (`showModal()`): the browser traps focus in it, makes the page behind
 * it inert and turns Escape into a `cancel` event. Escape, the close button and a click on the backdrop call
 * `onClose`; the caller unmounts the dialog, and focus returns to what had it before.
 */
export function Dialog(props: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** Pixels, or any CSS width. */
  width?: number | string;
  /** Extra class on the dialog box (a CSS module's, e.g. a full-screen variant). */
  className?: string;
  /** Extra class on the body (e.g. to lay out a full-screen variant's content). */
  bodyClassName?: string;
  testId?: string;
  description?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const popModal = pushModal(dialog);
    dialog.querySelector<HTMLElement>('[data-autofocus], input, textarea, button.btn-primary')?.focus();
    // Escape: the dialog closes when its owner unmounts it (a guard, such as unsaved changes, may keep it open).
    const cancel = (e: Event) => {
      e.preventDefault();
      onClose.current();
    };
    // The browser may close it without a cancelable `cancel` (a second Escape with no click or key in between).
    const closed = () => onClose.current();
    dialog.addEventListener('cancel', cancel);
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.removeEventListener('close', closed);
      popModal();
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={props.className ? `${styles.dialog} ${props.className}` : styles.dialog}
      aria-labelledby={titleId}
      aria-describedby={props.description ? descriptionId : undefined}
      data-testid={props.testId}
      style={{ width: props.width ?? 480 }}
      onMouseDown={(e) => {
        // A press on the backdrop targets the dialog element, outside its box.
        if (e.target !== e.currentTarget) return;
        const r = e.currentTarget.getBoundingClientRect();
        if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) onClose.current();
      }}
      onKeyDown={(e) => {
        // Escape is the dialog's (the browser turns it into `cancel`); shortcuts of the page behind stay out.
        if (e.key === 'Escape') e.stopPropagation();
      }}
    >
      <div className={styles.header}>
        <div>
          <h2 className={styles.title} id={titleId}>
            {props.title}
          </h2>
          {props.description && (
            <p className={styles.description} id={descriptionId}>
              {props.description}
            </p>
          )}
        </div>
        <button type="button" className="icon-btn sm" onClick={props.onClose} aria-label="Close">
          <XIcon size={15} />
        </button>
      </div>
      <div className={props.bodyClassName ? `${styles.body} ${props.bodyClassName}` : styles.body}>{props.children}</div>
      {props.footer && <div className={styles.footer}>{props.footer}</div>}
    </dialog>
  );
}
