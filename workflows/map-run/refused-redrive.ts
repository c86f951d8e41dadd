/**
 * A redrive past the Map Run's redrive limit (1,000 in Step Functions, sfn-spec §1.14, §3.6) is refused, and the
 * limit is hard: the refused attempt fails with States.Runtime, runs nothing, writes nothing, and keeps what the last
 * attempt that ran left (its pages, its partitions' child states and counts, its redriveCount and redriveDate: AWS
 * updates the count "only if you successfully redrive"). The next redrive of the execution asks this Map Run again,
 * and is refused again, rather than starting a new Map Run that would re-run every item (start-map-run.ts).
 */
import type { MapRunRedriveState } from '../../messages/map-run';
import type { MapRunState } from './map-run-state';

/** Map Runs that began before this patch failed a refused redrive with an empty state (redrive-state.ts). */
export const HARD_REDRIVE_LIMIT_PATCH = 'map-run-redrive-limit-hard';

/**
 * The refused attempt describes the Map Run as the last attempt that ran left it: its counts and redrive date here,
 * its partitions' reports when it winds down (carryUnstarted).
 */
export function keepLastAttempt(run: MapRunState, previous: MapRunRedriveState): void {
  run.description.redriveCount = previous.redriveCount;
  if (previous.redriveDate !== undefined) run.description.redriveDate = previous.redriveDate;
  else delete run.description.redriveDate;
  run.pages = previous.pages;
  run.childrenStarted = previous.childrenStarted !== false;
}
