/**
 * How an execution is redriven (sfn-spec §3): re-opened in place by RedriveExecution, or, for a Map Run's Standard
 * child, continued by a new run that first takes over its previous run's history and position. Whether a redrive
 * may happen, and RedriveExecution's idempotency, are redrive.ts's.
 */
import { patched, upsertSearchAttributes } from '@temporalio/workflow';
import { BranchMemory } from '../asl/interpreter/branch-memory';
import type { RunContext } from '../asl/interpreter/run-context';
import { RedriveCountKey, StatusKey } from '../messages/search-attributes';
import type { ExecutionState } from './execution-state';
import { mapRunChildActivities } from './map-run/activities';
import type { AcceptedRedrive } from './redrive';
import { redriveTargetOf } from './redrive-target';

/** Takes over the history and position of this execution's previous run, then redrives as the actor would. */
export async function resumeFromPreviousRun(
  state: ExecutionState,
  rc: RunContext,
  previousRunId: string,
): Promise<number> {
  const prior = await mapRunChildActivities().loadExecutionRedriveState({
    workflowId: state.args.executionArn,
    runId: previousRunId,
  });
  state.log = state.newLog(prior.events);
  rc.log = state.log;
  state.lastEntered = prior.lastEntered;
  state.branches = new BranchMemory(prior.branches);
  rc.branches = state.branches;
  state.description.startDate = prior.startDate;
  state.description.redriveCount = prior.redriveCount;
  return beginRedrive(state, rc, { redriveDate: Date.now() });
}

/**
 * Re-opens the execution: ExecutionRedriven, RUNNING again, the context object's RedriveCount and RedriveTime.
 * Returns the id of the ExecutionRedriven event, which the re-entered state's first event follows.
 */
export function beginRedrive(state: ExecutionState, rc: RunContext, redrive: AcceptedRedrive): number {
  const { description, lastEntered } = state;
  const { redriveDate } = redrive;
  if (lastEntered) state.redriveTarget = redriveTargetOf(state.branches, lastEntered.name, redrive);
  // Executions redriven before this existed re-ran whole Parallel and Inline Map states.
  if (patched('redrive-reruns-failed-branches')) state.branches.arm();
  description.redriveCount++;
  description.redriveDate = redriveDate;
  Object.assign(description, {
    status: 'RUNNING',
    stopDate: undefined,
    error: undefined,
    cause: undefined,
    output: undefined,
  });
  rc.execution = {
    ...rc.execution,
    RedriveCount: description.redriveCount,
    RedriveTime: new Date(redriveDate).toISOString(),
  };
  upsertSearchAttributes([
    // A redriven child of a Map Run is RUNNING by Temporal's status: its new run carries no TsfStatus to reset.
    ...(state.statusInTemporal ? [] : [{ key: StatusKey, value: 'RUNNING' }]),
    { key: RedriveCountKey, value: description.redriveCount },
  ]);
  return state.log.add('ExecutionRedriven', state.log.lastId, { redriveCount: description.redriveCount });
}
