/** A modal confirm step (native <dialog>) before an action that changes an execution. */
import { useEffect, useRef, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  /** Why the action cannot be taken now (e.g. the plan says the execution is not redrivable): shown, confirm off. */
  confirmDisabledReason?: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy,
  confirmDisabledReason,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" onCancel={onCancel} aria-labelledby="dialog-title">
      <h3 id="dialog-title">{title}</h3>
      <div className="dialog-body">{children}</div>
      {confirmDisabledReason !== undefined && (
        <p className="dialog-blocked" data-testid="confirm-disabled-reason">
          {confirmDisabledReason}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          onClick={onConfirm}
          disabled={busy || confirmDisabledReason !== undefined}
          title={confirmDisabledReason}
          data-testid="confirm"
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
