/**
 * Map Run Details' "Redrive failed items" (issue #16): a Map Run that SUCCEEDED with tolerated failures runs its
 * unsuccessful children again (redriveMapRun), its parent staying SUCCEEDED. The confirm step shows the server's
 * repair plan (what runs again, the errors, the most handler calls) and, when the Map Run cannot be repaired now,
 * why, with confirming off.
 */
import { useState } from 'react';
import { api, describeError, type ShownError } from '../api';
import { formatDate, mapRunId } from '../lib/format';
import { usePlan, type PlanRead } from '../lib/use-plan';
import type { MapRun, MapRunRepairPlan } from '../types';
import { ConfirmDialog } from './ConfirmDialog';
import { MapRunPlan } from './MapRunPlan';
import { PlanError } from './RedrivePlan';

export type RepairOutcome = { notice: string } | { error: ShownError };

/** Only a closed, SUCCEEDED Map Run with failed, timed-out or aborted children has anything to repair. */
export function hasItemsToRepair(mapRun: MapRun): boolean {
  const c = mapRun.executionCounts;
  return mapRun.status === 'SUCCEEDED' && c.failed + c.timedOut + c.aborted > 0;
}

function blockedReason({ plan, loading }: PlanRead<MapRunRepairPlan>): string | undefined {
  if (loading) return 'Reading what the repair would run again…';
  if (!plan || plan.repairable) return undefined;
  return plan.reason ?? 'This Map Run cannot be repaired now';
}

function RepairPlanBody({ mapRun, read }: { mapRun: MapRun; read: PlanRead<MapRunRepairPlan> }) {
  if (read.error) return <PlanError error={read.error} />;
  if (!read.plan) return <p className="muted">Reading what the repair would run again…</p>;
  const id = <strong>{mapRunId(mapRun.mapRunArn)}</strong>;
  return (
    <div data-testid="repair-plan" data-repairable={String(read.plan.repairable)}>
      {read.plan.repairable ? (
        <p>
          Run again the children of Map Run {id} that did not succeed? Its parent execution stays SUCCEEDED; children
          that succeeded are not run again.
        </p>
      ) : (
        <p>Map Run {id} cannot be repaired now (the reason is below). A repair would run again:</p>
      )}
      <MapRunPlan plan={read.plan} />
    </div>
  );
}

export function RepairMapRun({ mapRun, onDone }: { mapRun: MapRun; onDone(outcome: RepairOutcome): void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const read = usePlan(open, mapRun.mapRunArn, () => api.repairPlan(mapRun.mapRunArn));

  async function repair() {
    setBusy(true);
    let outcome: RepairOutcome;
    try {
      const { redriveDate } = await api.redriveMapRun(mapRun.mapRunArn);
      outcome = { notice: `Redrive of the failed items started at ${formatDate(redriveDate)}` };
    } catch (e) {
      outcome = { error: describeError(e) };
    }
    setBusy(false);
    setOpen(false);
    onDone(outcome);
  }

  if (!hasItemsToRepair(mapRun) && !open) return null;
  return (
    <>
      <button type="button" data-testid="redrive-failed-items" onClick={() => setOpen(true)}>
        Redrive failed items
      </button>
      <ConfirmDialog
        open={open}
        title="Redrive failed items"
        confirmLabel="Redrive failed items"
        busy={busy}
        confirmDisabledReason={blockedReason(read)}
        onConfirm={() => void repair()}
        onCancel={() => setOpen(false)}
      >
        <RepairPlanBody mapRun={mapRun} read={read} />
      </ConfirmDialog>
    </>
  );
}
