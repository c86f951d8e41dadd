/**
 * DescribeStateMachineForExecution: the state machine an execution runs, as it was when the execution started.
 * An execution copies its definition and role when it starts, so they are read from the first event of its
 * workflow (no replay, no worker needed), as is the state machine's revision it was started with. A Map Run child
 * runs its Map state's ItemProcessor under `<machine>/<label>`, with its Map Run; the revision is its parent's.
 */
import type { Client } from '@temporalio/client';
import type { MapRunInput } from '../workflows/map-run/config';
import type { ExecutionWorkflowInput } from '../workflows/execution-input';
import type { MapRunChildInput } from '../workflows/map-run/standard-child-input';
import type { DescribeStateMachineForExecutionOutput } from '../messages/responses';
import type { ExecutionLogging } from '../messages/execution-logging';
import { LOGGING_OFF, type LoggingConfiguration } from '../messages/logging';
import type { EngineContext } from './engine-context';
import { describeRaw, startArgs } from './execution-description';
import { parseRequest, type Requests } from './requests';

type Revision = ExecutionWorkflowInput['stateMachineRevision'];

/** The configuration the execution pinned, in Step Functions' shape; one that logs nothing pinned none (OFF). */
function loggingConfigurationOf(logging: ExecutionLogging | undefined): LoggingConfiguration {
  if (!logging) return LOGGING_OFF;
  const { level, includeExecutionData, logGroupArn } = logging;
  return { level, includeExecutionData, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }] };
}

export async function describeStateMachineForExecution(
  ctx: EngineContext,
  request: Requests['describeStateMachineForExecution'],
): Promise<DescribeStateMachineForExecutionOutput> {
  const { executionArn } = parseRequest('describeStateMachineForExecution', request);
  // The execution's identity (and ExecutionDoesNotExist for an unknown ARN) as DescribeExecution answers it.
  const execution = await describeRaw(ctx, executionArn);
  const args = await startArgs<ExecutionWorkflowInput | MapRunChildInput>(ctx.client, executionArn);
  const mapRunArn = execution.mapRunArn;
  const revision: Revision = mapRunArn
    ? await parentRevision(ctx.client, mapRunArn)
    : (args as ExecutionWorkflowInput).stateMachineRevision;
  const name = execution.stateMachineArn.split(':').at(-1)!;
  return {
    stateMachineArn: execution.stateMachineArn,
    name,
    definition: JSON.stringify(args.definition),
    roleArn: args.roleArn,
    // Executions started before the revision was kept answer their own start date: no later update reached them.
    updateDate: new Date(revision?.updateDate ?? execution.startDate),
    ...(revision ? { revisionId: revision.revisionId } : {}),
    loggingConfiguration: loggingConfigurationOf(args.logging),
    ...(mapRunArn ? { mapRunArn, label: name.slice(name.indexOf('/') + 1) } : {}),
  };
}

/** The revision the Map Run's parent execution was started with: its children run that state machine's Map state. */
async function parentRevision(client: Client, mapRunArn: string): Promise<Revision> {
  const { config } = await startArgs<MapRunInput>(client, mapRunArn);
  const parent = await startArgs<ExecutionWorkflowInput>(client, config.executionArn);
  return parent.stateMachineRevision;
}
