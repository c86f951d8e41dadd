/**
 * The execution actor: one workflow per Step Functions execution, workflow id = execution ARN. It runs the
 * definition pinned at StartExecution, keeps the Step Functions event log, and answers describe/history
 * queries and the stop update. Its Temporal outcome mirrors the Step Functions status so `temporal workflow list`
 * tells the same story.
 *
 * The pieces, in the order they act: execution-input.ts (what it is started with), execution-state.ts (what it
 * knows), execution-messages.ts (queries and updates), execution-host.ts (the interpreter's run context),
 * execution-attempts.ts (run, close, wait for a redrive), execution-redrive.ts, execution-close.ts.
 */
import { allHandlersFinished, CancellationScope, condition, patched, upsertMemo } from '@temporalio/workflow';
import { recordExecutionStarted } from '../asl/interpreter/execution';
import type { Json } from '../asl/json';
import { runAttempts } from './execution-attempts';
import { executionResult } from './execution-close';
import { executionRunContext } from './execution-host';
import { fullInput, type ExecutionWorkflowInput } from './execution-input';
import { describeNow, handleExecutionMessages } from './execution-messages';
import { resumeFromPreviousRun } from './execution-redrive';
import { ExecutionState } from './execution-state';
import type { MapRunChildInput } from './map-run/standard-child-input';
import { CLOSED_DESCRIPTION_MEMO, type ClosedDescription } from '../messages/execution';

/** Executions begun before this patch close without the memo: DescribeExecution asks them the query. */
export const CLOSED_DESCRIPTION_PATCH = 'execution-closed-description-memo';

export async function executionWorkflow(start: ExecutionWorkflowInput | MapRunChildInput): Promise<Json> {
  const { args, statusInTemporal } = fullInput(start);
  // Executions started before redrive existed close when they end; newer ones wait to be redriven (and Map Run
  // children are redriven by their Map Run, so they close too).
  const waitsForRedrive = !args.mapRunArn && patched('redrive-wait');
  const state = new ExecutionState(args, statusInTemporal, waitsForRedrive);
  handleExecutionMessages(state);
  const rc = executionRunContext(state);

  const previous = args.resume
    ? await resumeFromPreviousRun(state, rc, args.resume.previousRunId)
    : firstStatePrevious(recordExecutionStarted(rc, args.input, args.roleArn));
  await runAttempts(state, rc, previous);
  // A stop update that raced the end of the run still gets its answer before the workflow closes (also when the
  // workflow itself was cancelled, e.g. a Map Run aborting its children).
  // (A scope costs several workflow promises: none is made when nothing is in flight, as for most Map Run children.)
  if (!allHandlersFinished()) await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
  // DescribeExecution of the closed execution reads this memo instead of asking a worker to replay the whole history
  // (client/execution-description.ts). Not for Map Run children: a history event each, for a million children.
  if (!args.mapRunArn && patched(CLOSED_DESCRIPTION_PATCH)) {
    const { input: _input, output: _output, ...closed } = describeNow(state);
    upsertMemo({ [CLOSED_DESCRIPTION_MEMO]: closed satisfies ClosedDescription });
  }
  return executionResult(state);
}

/** AWS links the first state's Entered event to 0, not to ExecutionStarted (recorded histories). */
function firstStatePrevious(_executionStartedId: number): number {
  return 0;
}
