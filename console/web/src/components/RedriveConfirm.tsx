/**
 * Execution Details' redrive confirm step: reads the server's plan each time it opens and shows it; confirming is
 * off while the plan is read and when the plan says the execution cannot be redriven (with Step Functions' reason).
 */
import { api } from '../api';
import { usePlan } from '../lib/use-plan';
import { ConfirmDialog } from './ConfirmDialog';
import { planBlockedReason, RedrivePlan } from './RedrivePlan';

export interface RedriveConfirmProps {
  open: boolean;
  executionArn: string;
  name: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function RedriveConfirm({ open, executionArn, name, busy, onConfirm, onCancel }: RedriveConfirmProps) {
  const read = usePlan(open, executionArn, () => api.redrivePlan(executionArn));
  return (
    <ConfirmDialog
      open={open}
      title="Redrive execution"
      confirmLabel="Redrive"
      busy={busy}
      confirmDisabledReason={planBlockedReason(read)}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <RedrivePlan name={name} read={read} />
    </ConfirmDialog>
  );
}
