/**
 * A STANDARD child's own redrivable period (sfn-spec §3.6): a Map Run redrive leaves a child that closed
 * unsuccessfully longer ago than the period as it is (NOT_REDRIVABLE, counted in failuresNotRedrivable), even when
 * its parent, which closed later, may still be redriven. Checked at the redrive's date, from the stop dates the
 * partitions kept (childStopDates); an EXPRESS child always starts again.
 */
import { patched } from '@temporalio/workflow';
import type { MapRunRedriveState } from '../../messages/map-run';
import { DEFAULT_REDRIVE_LIMITS } from '../redrive';
import type { MapRunInput } from './config';

/** Map Runs begun before this patch redrove every unsuccessful child, however long ago it closed. */
export const CHILD_REDRIVABLE_PERIOD_PATCH = 'map-run-child-redrivable-period';

/** Failed, timed out or aborted, and redrivable until now (child-states.ts). */
const closedUnsuccessfully = (letter: string | undefined) => letter === 'F' || letter === 'T' || letter === 'A';

/**
 * The partitions with expired children's letters in lower case (child-states.ts), and how many expired. Pure: the
 * redrive plan (client/redrive-plan.ts) counts with it too.
 */
export function expireChildren(
  previous: MapRunRedriveState,
  redriveDate: number,
  periodMs: number = DEFAULT_REDRIVE_LIMITS.redrivablePeriodMs,
): { partitions: MapRunRedriveState['partitions']; expired: number } {
  let expired = 0;
  const partitions: MapRunRedriveState['partitions'] = {};
  for (const [index, left] of Object.entries(previous.partitions)) {
    const letters = [...left.childStates];
    for (const [k, stopDate] of Object.entries(left.childStopDates ?? {})) {
      const letter = letters[Number(k)];
      if (closedUnsuccessfully(letter) && redriveDate - stopDate > periodMs) {
        letters[Number(k)] = letter!.toLowerCase();
        expired++;
      }
    }
    partitions[Number(index)] = { ...left, childStates: letters.join('') };
  }
  return { partitions, expired };
}

/** The input with expired children's letters in lower case, or the input itself when none. */
export function withExpiredChildren(input: MapRunInput): MapRunInput {
  const { redrive, config } = input;
  if (!redrive || config.executionType !== 'STANDARD') return input;
  const { partitions, expired } = expireChildren(
    redrive.previous,
    redrive.redriveDate,
    config.childRedriveLimits?.redrivablePeriodMs,
  );
  if (expired === 0 || !patched(CHILD_REDRIVABLE_PERIOD_PATCH)) return input;
  return { ...input, redrive: { ...redrive, previous: { ...redrive.previous, partitions } } };
}
