/**
 * Describing an execution without a replay. A worker answers a query of a closed workflow by replaying its whole
 * history first: 70 to 100 ms for the 10,000-item execution of bench/redrive.bench.ts, every time a succeeded
 * execution is described. So the describe query goes with QueryRejectCondition NOT_OPEN, which the server refuses at
 * once for a closed workflow, and a closed top-level execution is described from the memo it wrote as it closed
 * (workflows/execution.ts), its input (the workflow's first event) and its output (the workflow's result).
 * Closed workflows without that memo (begun before it, Map Run children) are asked the query as before.
 */
import { QueryRejectedError, WorkflowClient, type Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { Json } from '../asl/json';
import {
  CLOSED_DESCRIPTION_MEMO,
  describeExecutionQuery,
  type ClosedDescription,
  type ExecutionDescription,
} from '../messages/execution';
import type { ExecutionWorkflowInput } from '../workflows/execution-input';
import { isNotFound } from '../activities/temporal-errors';
import { requireArn } from './arns';
import type { EngineContext } from './engine-context';
import { ExecutionDoesNotExist } from './errors';

const openOnlyClients = new WeakMap<Client, WorkflowClient>();

/** A workflow client on the same connection, whose queries the server refuses for a closed workflow. */
function openOnly(client: Client): WorkflowClient {
  let workflows = openOnlyClients.get(client);
  if (!workflows) {
    workflows = new WorkflowClient({
      connection: client.connection,
      namespace: client.options.namespace,
      dataConverter: client.options.loadedDataConverter,
      interceptors: client.options.interceptors.workflow ?? [],
      queryRejectCondition: 'NOT_OPEN',
    });
    openOnlyClients.set(client, workflows);
  }
  return workflows;
}

/** What the execution's describe query answers, or answered as its workflow closed. */
async function queryDescription(client: Client, executionArn: string): Promise<ExecutionDescription> {
  try {
    return await openOnly(client).getHandle(executionArn).query(describeExecutionQuery);
  } catch (error) {
    if (!(error instanceof QueryRejectedError)) throw error;
    return describeClosed(client, executionArn);
  }
}

async function describeClosed(client: Client, executionArn: string): Promise<ExecutionDescription> {
  const handle = client.workflow.getHandle(executionArn);
  const { memo, runId } = await handle.describe();
  const closed = memo?.[CLOSED_DESCRIPTION_MEMO] as ClosedDescription | undefined;
  if (!closed) return handle.query(describeExecutionQuery);
  const succeeded = closed.status === 'SUCCEEDED';
  const [input, output] = await Promise.all([
    startInput(client, executionArn, runId),
    succeeded ? (handle.result() as Promise<Json>) : undefined,
  ]);
  return { ...closed, input, ...(succeeded ? { output } : {}) };
}

/** The execution's input, from the first event of its workflow run (the rest of the history is not read). */
async function startInput(client: Client, workflowId: string, runId: string): Promise<Json> {
  return (await startArgs<ExecutionWorkflowInput>(client, workflowId, runId)).input;
}

/** The first argument a workflow run was started with, from its first event (the rest of the history is not read). */
export async function startArgs<T>(client: Client, workflowId: string, runId?: string): Promise<T> {
  const response = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId, ...(runId ? { runId } : {}) },
    maximumPageSize: 1,
    skipArchival: true,
  });
  const started = response.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error(`the history of ${workflowId} (run ${runId ?? 'latest'}) has no start event`);
  return decodeFromPayloadsAtIndex<T>(client.options.loadedDataConverter, 0, started.input?.payloads);
}

/** DescribeExecution's answer as the execution's actor gives it; an unknown ARN is ExecutionDoesNotExist. */
export async function describeRaw(ctx: EngineContext, arn: string): Promise<ExecutionDescription> {
  requireArn(arn, 'execution');
  try {
    return await queryDescription(ctx.client, arn);
  } catch (error) {
    if (isNotFound(error)) throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${arn}'`);
    throw error;
  }
}
