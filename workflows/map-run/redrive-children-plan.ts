/**
 * A Map Run redrive's children, counted before it runs (messages/redrive-plan.ts): those it runs again by how they
 * ended, those it keeps (may not be redriven, with why; not selected), the successes, and the last errors. Pure, and
 * made of the same pieces as the redrive itself (expired-children.ts, child-selection.ts, child-states.ts), so that
 * the plan says what the redrive then does.
 */
import type { MapRunRedriveState } from '../../messages/map-run';
import type { MapRunChildSelection, MapRunRedrivePlan } from '../../messages/redrive-plan';
import { heldChildren } from './child-selection';
import { notRedrivable } from './child-states';
import { expireChildren } from './expired-children';

export const NO_ERROR = '(none)';
export const HISTORY_LIMIT_REASON = 'Execution history event limit exceeded';
export const PERIOD_REASON = 'Execution redrivable period exceeded';

export interface ChildrenPlan extends Pick<MapRunRedrivePlan, 'rerun' | 'kept' | 'succeeded' | 'errors'> {
  /** Failed and timed-out items of the children kept: what the threshold counts whatever the redrive does. */
  keptFailedItems: number;
  totalItems: number;
}

export function planChildren(
  previous: MapRunRedriveState,
  options: {
    executionType: 'STANDARD' | 'EXPRESS';
    redriveDate: number;
    childRedrivablePeriodMs?: number;
    selection?: MapRunChildSelection;
  },
): ChildrenPlan {
  const expiring = options.executionType === 'STANDARD';
  const partitions = expiring
    ? expireChildren(previous, options.redriveDate, options.childRedrivablePeriodMs).partitions
    : previous.partitions;
  const plan: ChildrenPlan = {
    rerun: { failed: 0, timedOut: 0, aborted: 0, pending: 0 },
    kept: { notRedrivable: 0, notSelected: 0, notRedrivableReasons: {} },
    succeeded: 0,
    errors: {},
    keptFailedItems: 0,
    totalItems: 0,
  };
  for (const page of previous.pages) {
    plan.totalItems += page.itemCount;
    const left = partitions[page.index];
    if (!left) {
      // A page no attempt reached: every item of it runs (as one child each, or in batches not yet made).
      plan.rerun.pending += page.itemCount;
      continue;
    }
    const before = previous.partitions[page.index]!.childStates;
    const held = new Set(options.selection ? heldChildren(page, left, options.selection) : []);
    [...left.childStates].forEach((letter, k) => {
      const items = left.childItemCounts?.[k] ?? 1;
      if (letter === 'S') {
        plan.succeeded++;
        return;
      }
      if (letter !== 'P') {
        const error = left.childErrors?.[k] ?? NO_ERROR;
        plan.errors[error] = (plan.errors[error] ?? 0) + 1;
      }
      const failedItems = letter.toUpperCase() === 'F' || letter.toUpperCase() === 'T' ? items : 0;
      if (notRedrivable(letter)) {
        const reason = notRedrivable(before[k]) ? HISTORY_LIMIT_REASON : PERIOD_REASON;
        plan.kept.notRedrivable++;
        plan.kept.notRedrivableReasons[reason] = (plan.kept.notRedrivableReasons[reason] ?? 0) + 1;
        plan.keptFailedItems += failedItems;
      } else if (held.has(k)) {
        plan.kept.notSelected++;
        plan.keptFailedItems += failedItems;
      } else if (letter === 'F') plan.rerun.failed++;
      else if (letter === 'T') plan.rerun.timedOut++;
      else if (letter === 'A') plan.rerun.aborted++;
      else plan.rerun.pending++;
    });
  }
  return plan;
}

/** Children a plan runs again. */
export const rerunTotal = (plan: Pick<ChildrenPlan, 'rerun'>): number =>
  plan.rerun.failed + plan.rerun.timedOut + plan.rerun.aborted + plan.rerun.pending;
