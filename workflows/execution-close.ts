/**
 * Close bookkeeping: how an attempt's outcome becomes the execution's status (SUCCEEDED, FAILED, TIMED_OUT,
 * ABORTED), its closing event, stop date and search attributes, and, once the workflow ends, its result or error.
 */
import { ApplicationFailure, upsertSearchAttributes } from '@temporalio/workflow';
import type { ExecutionOutcome } from '../asl/interpreter/execution';
import type { Json } from '../asl/json';
import { StatusKey, StopDateKey } from '../messages/search-attributes';
import type { ExecutionState } from './execution-state';

/** Closes the attempt that ended with `result` (a stop or TimeoutSeconds ends it ABORTED by cancellation). */
export function closeAttempt(state: ExecutionState, result: ExecutionOutcome): void {
  const { description, log } = state;
  if (log.isFull) {
    // Its 25,000th event (sfn-spec §1.14): whatever the attempt ended with, the quota ended it.
    const error = 'States.Runtime';
    const cause = `The execution reached the maximum number of history events (${log.length + 1}).`;
    Object.assign(description, { status: 'FAILED', error, cause });
    log.addClosing('ExecutionFailed', log.lastId, { error, cause });
  } else if (result.status === 'SUCCEEDED') {
    description.status = 'SUCCEEDED';
    description.output = result.output;
  } else if (result.status === 'FAILED') {
    Object.assign(description, { status: 'FAILED', error: result.error, cause: result.cause });
  } else if (state.timedOut) {
    // DescribeExecution of a TIMED_OUT execution carries no error or cause (recorded AWS response).
    description.status = 'TIMED_OUT';
    log.add('ExecutionTimedOut', result.lastEventId, { error: 'States.Timeout' });
  } else {
    const { stopRequest } = state;
    Object.assign(description, { status: 'ABORTED', error: stopRequest?.error, cause: stopRequest?.cause });
    log.add('ExecutionAborted', result.lastEventId, { error: stopRequest?.error, cause: stopRequest?.cause });
  }
  description.stopDate = Date.now();
  // A Map Run child's success is Temporal's Completed status and close time: no visibility write (execution-input.ts).
  if (state.statusInTemporal && description.status === 'SUCCEEDED') return;
  upsertSearchAttributes([
    { key: StatusKey, value: description.status },
    { key: StopDateKey, value: new Date(description.stopDate) },
  ]);
}

/** The workflow's result: the output of a SUCCEEDED execution, else a failure whose Temporal type is its error. */
export function executionResult(state: ExecutionState): Json {
  const { description } = state;
  if (description.status === 'SUCCEEDED') return description.output ?? null;
  throw ApplicationFailure.create({
    type: description.status === 'TIMED_OUT' ? 'States.Timeout' : description.error || `Execution${description.status}`,
    message: description.cause ?? `Execution ${description.status}`,
    nonRetryable: true,
    // A Map Run reads `redrivable` to leave a child it may not redrive alone (failuresNotRedrivable).
    details: [
      {
        status: description.status,
        error: description.error,
        redrivable: state.verdict().redriveStatus !== 'NOT_REDRIVABLE',
      },
    ],
  });
}
