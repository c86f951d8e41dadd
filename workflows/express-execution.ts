/**
 * An execution of an EXPRESS state machine (StartExecution, StartSyncExecution; sfn-spec §14.1): it runs whole in
 * one activity, as a Distributed Map's Express children do, at least once (an attempt lost with its worker runs
 * again from the first state) and within Express's 5 minutes (then TIMED_OUT with States.Timeout). Step Functions
 * keeps no history of an Express execution; this workflow only carries it durably from its start to its outcome,
 * which StartSyncExecution's caller waits for.
 */
import { ActivityFailure } from '@temporalio/workflow';
import { expressActivities, type ExpressOutcome, type ExpressRequest } from './map-run/activities';

export async function expressExecutionWorkflow(request: ExpressRequest): Promise<ExpressOutcome> {
  const startDate = Date.now();
  try {
    return await expressActivities().runExpressChild(request);
  } catch (error) {
    // Every attempt was lost (its worker gone each time): the execution fails, as one the service cannot run does.
    if (!(error instanceof ActivityFailure)) throw error;
    const cause = error.cause?.message ?? error.message;
    return { status: 'FAILED', error: 'States.Runtime', cause, startDate, stopDate: Date.now() };
  }
}
