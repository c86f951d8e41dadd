/**
 * Roles and policies (README): before this attempt starts children or writes results, the Map Run asks whether
 * its role may (permissions.ts says what it must be allowed). The scan has already checked each object it read.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { mapRunActivities } from './activities';
import type { MapRunInput } from './config';
import type { MapRunState } from './map-run-state';
import type { PartitionPage } from './pages';
import { errorForDenied, startRequests } from './permissions';

/**
 * Fails the Map Run when its role is refused what it needs to run `toRun` (or to write its results). Nothing is
 * written then, and what the earlier attempts left stands (the wind-down carries it over, carryUnstarted): the next
 * redrive picks it up again.
 */
export async function checkPermissions(
  run: MapRunState,
  toRun: PartitionPage[],
  redrive: MapRunInput['redrive'],
): Promise<void> {
  const { config } = run;
  // Nothing to start and nothing to write: nothing to ask.
  if (toRun.length === 0 && !config.resultWriter?.bucket) return;
  const requests = startRequests(config, { children: toRun.length > 0, redrive: Boolean(redrive) });
  const denial = await mapRunActivities().checkPermissions(config.roleArn, requests);
  if (!denial) return;
  run.denied = true;
  throw ApplicationFailure.create({
    type: errorForDenied(denial.request.action),
    message: denial.message,
    nonRetryable: true,
  });
}
