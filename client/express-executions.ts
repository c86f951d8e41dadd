/**
 * Executions of EXPRESS state machines (sfn-spec §14.1): StartExecution starts one and returns at once;
 * StartSyncExecution starts one and answers its outcome. Each is a short workflow (workflows/express-execution.ts)
 * whose id is the execution's `express:<machine>:<name>:<id>` ARN, listed nowhere (Step Functions keeps no list or
 * history of Express executions: DescribeExecution, GetExecutionHistory, StopExecution and RedriveExecution refuse
 * their ARNs, ListExecutions refuses an Express state machine).
 */
import crypto from 'node:crypto';
import { TimeoutFailure, WorkflowFailedError } from '@temporalio/client';
import { expressExecutionArn } from '../asl/arn';
import type { Json } from '../asl/json';
import type { ExpressChildOutcome, ExpressChildRequest } from '../activities/express/run-express-child';
import type { StateMachineDescription } from '../messages/execution';
import { executionLoggingOf } from '../messages/execution-logging';
import { NameKey, ResourceTypeKey, StateMachineArnKey } from '../messages/search-attributes';
import type { StartExecutionOutput, StartSyncExecutionOutput } from '../messages/responses';
import type { expressExecutionWorkflow } from '../workflows/express-execution';
import type { EngineContext } from './engine-context';
import { StateMachineTypeNotSupported } from './errors';
import { parseRequest, type Requests } from './requests';
import { checkedStart } from './execution-start';
import { checkDefinition, loadStateMachine } from './state-machines';

/** Step Functions bills Express executions by the 100 ms and by the 64 MB; the engine does not measure memory. */
const BILLING_MS = 100;
const BILLED_MEMORY_MB = 64;
/** Express's 5 minutes, the activity's margin past them, and a minute to be taken up by a worker. */
const WORKFLOW_TIMEOUT_MS = 7 * 60 * 1000;

export async function startExpressExecution(
  ctx: EngineContext,
  machine: StateMachineDescription,
  name: string,
  input: Json,
): Promise<StartExecutionOutput> {
  const startDate = new Date();
  const { executionArn } = await start(ctx, machine, name, input);
  return { executionArn, startDate };
}

export async function startSyncExecution(
  ctx: EngineContext,
  request: Requests['startSyncExecution'],
): Promise<StartSyncExecutionOutput> {
  const {
    stateMachineArn,
    name = crypto.randomUUID(),
    input = '{}',
    includedData,
  } = parseRequest('startSyncExecution', request);
  const parsedInput = checkedStart(name, input);
  const machine = await loadStateMachine(ctx, stateMachineArn);
  if (machine.type !== 'EXPRESS') {
    throw new StateMachineTypeNotSupported('This operation is not supported by this type of state machine');
  }
  const startDate = new Date();
  const { executionArn, outcome } = await start(ctx, machine, name, parsedInput);
  const ended = await outcome.catch((error: unknown) => timedOut(error, startDate));
  const data = includedData !== 'METADATA_ONLY';
  return {
    executionArn,
    stateMachineArn,
    name,
    startDate,
    stopDate: new Date(ended.stopDate),
    status: ended.status,
    ...(ended.status !== 'SUCCEEDED' && ended.error !== undefined ? { error: ended.error } : {}),
    ...(ended.status !== 'SUCCEEDED' && ended.cause !== undefined ? { cause: ended.cause } : {}),
    ...(data ? { input } : {}),
    inputDetails: { included: data },
    ...(data && ended.status === 'SUCCEEDED' ? { output: JSON.stringify(ended.output) } : {}),
    ...(ended.status === 'SUCCEEDED' ? { outputDetails: { included: data } } : {}),
    billingDetails: {
      billedMemoryUsedInMB: BILLED_MEMORY_MB,
      billedDurationInMilliseconds: billedDuration(ended.stopDate - ended.startDate),
    },
  };
}

/**
 * The workflow itself timed out: no worker ran the execution within its time (an activity over Express's 5 minutes
 * ends TIMED_OUT inside it). StartSyncExecution answers TIMED_OUT, as Step Functions does at 5 minutes.
 */
function timedOut(error: unknown, startDate: Date): ExpressChildOutcome {
  if (!(error instanceof WorkflowFailedError && error.cause instanceof TimeoutFailure)) throw error;
  const cause = `The execution did not end within ${WORKFLOW_TIMEOUT_MS / 1000} s: no worker took it up in time.`;
  return { status: 'TIMED_OUT', error: 'States.Timeout', cause, startDate: startDate.getTime(), stopDate: Date.now() };
}

/** Execution time rounded up to the next 100 ms, at least 100 ms. */
export function billedDuration(ms: number): number {
  return Math.max(1, Math.ceil(ms / BILLING_MS)) * BILLING_MS;
}

async function start(ctx: EngineContext, machine: StateMachineDescription, name: string, input: Json) {
  const executionArn = expressExecutionArn(ctx.scope, machine.name, name, crypto.randomUUID());
  // Pinned at the start, as for a Standard execution: its events go to the machine's log group (docs/logging.md).
  const logging = executionLoggingOf(machine.loggingConfiguration);
  const request: ExpressChildRequest = {
    executionArn,
    name,
    stateMachineArn: machine.stateMachineArn,
    stateMachineName: machine.name,
    definition: checkDefinition(machine.definition),
    input,
    roleArn: machine.roleArn,
    region: ctx.scope.region,
    ...(logging ? { logging } : {}),
  };
  const handle = await ctx.client.workflow.start<typeof expressExecutionWorkflow>('expressExecutionWorkflow', {
    workflowId: executionArn,
    taskQueue: ctx.taskQueue,
    args: [request],
    // Express's 5 minutes, and time to be taken up: an execution no worker runs ends instead of waiting forever.
    workflowExecutionTimeout: WORKFLOW_TIMEOUT_MS,
    typedSearchAttributes: [
      { key: ResourceTypeKey, value: 'expressExecution' },
      { key: StateMachineArnKey, value: machine.stateMachineArn },
      { key: NameKey, value: name },
    ],
  });
  return { executionArn, outcome: handle.result() as Promise<ExpressChildOutcome> };
}
