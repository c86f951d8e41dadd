/**
 * The execution actor: one workflow per Step Functions execution, workflow id = execution ARN. It runs the
 * definition pinned at StartExecution, keeps the Step Functions event log, and answers describe/history
 * queries and the stop update. Its Temporal outcome mirrors the Step Functions status so `temporal workflow list`
 * tells the same story.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { EventLog } from '../asl/events';
import { recordExecutionStarted, runExecution, type ExecutionOutcome } from '../asl/interpreter/execution';
import type { RunContext } from '../asl/interpreter/run-context';
import type { Json } from '../asl/json';
import type { StateMachineDefinition } from '../asl/types';
import {
  describeExecutionQuery,
  executionHistoryQuery,
  stopExecutionUpdate,
  type ExecutionDescription,
  type StopRequest,
} from './messages';
import { StatusKey, StopDateKey } from './search-attributes';
import { createWorkflowHost } from './workflow-host';

export interface ExecutionWorkflowInput {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  /** The definition as it was when the execution started: later UpdateStateMachine calls never reach it. */
  definition: StateMachineDefinition;
  input: Json;
  roleArn: string;
  region: string;
  /** Set for the children of a Map Run (DescribeExecution reports it). */
  mapRunArn?: string;
}

export async function executionWorkflow(args: ExecutionWorkflowInput): Promise<Json> {
  const startDate = workflowInfo().startTime.getTime();
  const log = new EventLog(() => Date.now());
  const description: ExecutionDescription = {
    executionArn: args.executionArn,
    stateMachineArn: args.stateMachineArn,
    name: args.name,
    status: 'RUNNING',
    startDate,
    input: args.input,
    roleArn: args.roleArn,
    redriveCount: 0,
    historyLength: 0,
    ...(args.mapRunArn ? { mapRunArn: args.mapRunArn } : {}),
  };
  let stopRequest: StopRequest | undefined;
  let timedOut = false;
  const run = new CancellationScope();

  setHandler(describeExecutionQuery, () => ({ ...description, historyLength: log.length }));
  setHandler(executionHistoryQuery, ({ offset, limit }) => ({
    events: log.all().slice(offset, offset + limit),
    total: log.length,
  }));
  setHandler(
    stopExecutionUpdate,
    async (request) => {
      if (description.status === 'RUNNING' && !stopRequest) {
        stopRequest = request;
        run.cancel();
      }
      await condition(() => description.stopDate !== undefined);
      return { stopDate: description.stopDate ?? Date.now() };
    },
    {
      validator: (request) => {
        if (request.error !== undefined && request.error.length > 256)
          throw new Error('error must be at most 256 characters');
        if (request.cause !== undefined && request.cause.length > 32768)
          throw new Error('cause must be at most 32768 characters');
      },
    },
  );

  const rc: RunContext = {
    host: createWorkflowHost({
      executionArn: args.executionArn,
      stateMachineArn: args.stateMachineArn,
      stateMachineName: args.stateMachineName,
      roleArn: args.roleArn,
    }),
    log,
    region: args.region,
    execution: {
      Id: args.executionArn,
      Input: args.input,
      Name: args.name,
      RoleArn: args.roleArn,
      StartTime: new Date(startDate).toISOString(),
      RedriveCount: 0,
    },
    stateMachine: { Id: args.stateMachineArn, Name: args.stateMachineName },
  };

  const startedId = recordExecutionStarted(rc, args.input, args.roleArn);
  const running = run.run(() => runExecution(args.definition, args.input, rc, firstStatePrevious(startedId)));
  if (args.definition.TimeoutSeconds !== undefined) {
    const timeoutMs = args.definition.TimeoutSeconds * 1000;
    // The timer lives in its own scope so that it never outlives the run it guards.
    void CancellationScope.cancellable(async () => {
      await sleep(timeoutMs);
      if (description.status === 'RUNNING') {
        timedOut = true;
        run.cancel();
      }
    }).catch(() => undefined);
  }

  const outcome = await running;
  close(outcome);
  // A stop update that raced the end of the run still gets its answer before the workflow closes (also when the
  // workflow itself was cancelled, e.g. a Map Run aborting its children).
  await CancellationScope.nonCancellable(() => condition(allHandlersFinished));

  function close(result: ExecutionOutcome): void {
    if (result.status === 'SUCCEEDED') {
      description.status = 'SUCCEEDED';
      description.output = result.output;
    } else if (result.status === 'FAILED') {
      Object.assign(description, { status: 'FAILED', error: result.error, cause: result.cause });
    } else if (timedOut) {
      // DescribeExecution of a TIMED_OUT execution carries no error or cause (recorded AWS response).
      description.status = 'TIMED_OUT';
      log.add('ExecutionTimedOut', result.lastEventId, { error: 'States.Timeout' });
    } else {
      Object.assign(description, { status: 'ABORTED', error: stopRequest?.error, cause: stopRequest?.cause });
      log.add('ExecutionAborted', result.lastEventId, { error: stopRequest?.error, cause: stopRequest?.cause });
    }
    description.stopDate = Date.now();
    upsertSearchAttributes([
      { key: StatusKey, value: description.status },
      { key: StopDateKey, value: new Date(description.stopDate) },
    ]);
  }

  if (description.status === 'SUCCEEDED') return description.output ?? null;
  throw ApplicationFailure.create({
    type: description.status === 'TIMED_OUT' ? 'States.Timeout' : description.error || `Execution${description.status}`,
    message: description.cause ?? `Execution ${description.status}`,
    nonRetryable: true,
    details: [{ status: description.status, error: description.error }],
  });
}

/** AWS links the first state's Entered event to 0, not to ExecutionStarted (recorded histories). */
function firstStatePrevious(_executionStartedId: number): number {
  return 0;
}
