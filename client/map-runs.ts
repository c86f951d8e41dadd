/**
 * DescribeMapRun, ListMapRuns and UpdateMapRun over the Map Run actor (workflows/map-run/map-run.ts).
 */
import { WorkflowUpdateFailedError, type QueryDefinition } from '@temporalio/client';
import {
  describeMapRunQuery,
  partitionProgressQuery,
  repairStateQuery,
  updateMapRunUpdate,
  type MapRunDescription,
} from '../messages/map-run';
import { StateMachineArnKey } from '../messages/search-attributes';
import { requireArn } from './arns';
import { mergeFreshCounts } from './fresh-counts';
import type { EngineContext } from './engine-context';
import { ResourceNotFound, ValidationException } from './errors';
import { describeRaw as describeExecutionRaw } from './execution-description';
import { decodeToken, encodeToken, pageSize } from './pagination';
import { parseRequest, type Requests } from './requests';
import { isNotFound } from '../activities/temporal-errors';
import type {
  DescribeMapRunOutput,
  ListMapRunsOutput,
  MapRunListItem,
  UpdateMapRunOutput,
} from '../messages/responses';

/** A query of the Map Run actor; an unknown ARN is ResourceNotFound. */
async function queryMapRun<T>(ctx: EngineContext, mapRunArn: string, query: QueryDefinition<T>): Promise<T> {
  requireArn(mapRunArn, 'mapRun');
  try {
    return await ctx.client.workflow.getHandle(mapRunArn).query(query);
  } catch (error) {
    if (isNotFound(error)) throw new ResourceNotFound(`Resource not found: '${mapRunArn}'`);
    throw error;
  }
}

function describeRaw(ctx: EngineContext, mapRunArn: string): Promise<MapRunDescription> {
  return queryMapRun(ctx, mapRunArn, describeMapRunQuery);
}

/**
 * The description and the redrive state, in one query: a closed Map Run answers each query by replaying its whole
 * history, and the redrive plan and a repair need both.
 */
export function describeWithRedriveState(ctx: EngineContext, mapRunArn: string) {
  return queryMapRun(ctx, mapRunArn, repairStateQuery);
}

/** The description with the running partitions' counts read now (fresh-counts.ts). */
async function withFreshCounts(ctx: EngineContext, d: MapRunDescription) {
  const answers = await Promise.all(
    (d.runningPartitions ?? []).map((partition) =>
      ctx.client.workflow
        .getHandle(partition.workflowId)
        .query(partitionProgressQuery)
        .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
    ),
  );
  return { ...d, ...mergeFreshCounts(d, answers) };
}

export async function describeMapRun(
  ctx: EngineContext,
  request: Requests['describeMapRun'],
): Promise<DescribeMapRunOutput> {
  const { mapRunArn } = parseRequest('describeMapRun', request);
  const d = await withFreshCounts(ctx, await describeRaw(ctx, mapRunArn));
  return {
    mapRunArn: d.mapRunArn,
    executionArn: d.executionArn,
    status: d.status,
    startDate: new Date(d.startDate),
    ...(d.stopDate !== undefined ? { stopDate: new Date(d.stopDate) } : {}),
    maxConcurrency: d.maxConcurrency,
    toleratedFailurePercentage: d.toleratedFailurePercentage,
    toleratedFailureCount: d.toleratedFailureCount,
    itemCounts: d.itemCounts,
    executionCounts: d.executionCounts,
    redriveCount: d.redriveCount,
    ...(d.redriveDate !== undefined ? { redriveDate: new Date(d.redriveDate) } : {}),
    ...(d.staleCounts ? { staleCounts: d.staleCounts } : {}),
  };
}

export async function listMapRuns(ctx: EngineContext, request: Requests['listMapRuns']): Promise<ListMapRunsOutput> {
  const { executionArn, maxResults, nextToken } = parseRequest('listMapRuns', request);
  await describeExecutionRaw(ctx, executionArn);
  const query = `TsfResourceType = 'mapRun' AND TsfParentExecutionArn = '${executionArn}'`;
  const offset = decodeToken(nextToken, query);
  const size = pageSize(maxResults);
  // Visibility lists newest first and shows each run: a redriven Map Run is one Map Run with several runs (its
  // first start date; its latest run's stop date). ListMapRuns lists them in the order the execution started them.
  const byArn = new Map<string, MapRunListItem>();
  for await (const info of ctx.client.workflow.list({ query })) {
    const seen = byArn.get(info.workflowId);
    if (seen) {
      seen.startDate = info.startTime < seen.startDate ? info.startTime : seen.startDate;
      continue;
    }
    byArn.set(info.workflowId, {
      executionArn,
      mapRunArn: info.workflowId,
      stateMachineArn: info.typedSearchAttributes.get(StateMachineArnKey) ?? '',
      startDate: info.startTime,
      ...(info.closeTime ? { stopDate: info.closeTime } : {}),
    });
  }
  const all = [...byArn.values()];
  all.sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
  const mapRuns = all.slice(offset, offset + size);
  return { mapRuns, ...(offset + size < all.length ? { nextToken: encodeToken(offset + size, query) } : {}) };
}

export async function updateMapRun(ctx: EngineContext, request: Requests['updateMapRun']): Promise<UpdateMapRunOutput> {
  const { mapRunArn, ...change } = parseRequest('updateMapRun', request);
  const current = await describeRaw(ctx, mapRunArn);
  if (current.status !== 'RUNNING') {
    throw new ValidationException('Cannot update a Map Run that has completed.', 'CANNOT_UPDATE_COMPLETED_MAP_RUN');
  }
  try {
    await ctx.client.workflow.getHandle(mapRunArn).executeUpdate(updateMapRunUpdate, { args: [change] });
  } catch (error) {
    // The Map Run may finish between the check and the update.
    if (
      isNotFound(error) ||
      (error instanceof WorkflowUpdateFailedError && /COMPLETED/.test(String(error.cause?.message)))
    ) {
      throw new ValidationException('Cannot update a Map Run that has completed.', 'CANNOT_UPDATE_COMPLETED_MAP_RUN');
    }
    throw error;
  }
  return {};
}
