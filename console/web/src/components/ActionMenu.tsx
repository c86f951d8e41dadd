/**
 * A drop-down of actions ("Recover"). An action that cannot be taken stays in the menu, disabled, with the
 * reason written under it: the user learns why, not just that it is grey.
 */
import { useEffect, useRef, useState } from 'react';

export interface MenuAction {
  label: string;
  disabledReason?: string;
  onSelect(): void;
}

export function ActionMenu({ label, actions }: { label: string; actions: MenuAction[] }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {label} ▾
      </button>
      {open && (
        <div className="menu-items" role="menu">
          {actions.map((action) => (
            <div key={action.label} className="menu-entry">
              <button
                type="button"
                role="menuitem"
                disabled={action.disabledReason !== undefined}
                title={action.disabledReason}
                onClick={() => {
                  setOpen(false);
                  action.onSelect();
                }}
              >
                {action.label}
              </button>
              {action.disabledReason !== undefined && (
                <div className="menu-reason" data-testid="disabled-reason">
                  {action.disabledReason}
                </div>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
