/**
 * DescribeExecution and ListExecutions(mapRunArn) for a Map Run's Express children (sfn-spec §14.1: Step Functions
 * "stores the response and status of the Express child workflow executions"), from the records the activity that
 * ran each child wrote (activities/express/child-records.ts). A re-run child keeps its ARN and shows its latest run.
 */
import { expressChildOfArn } from '../asl/arn';
import type { ExpressChildRecord } from '../activities/express/child-records';
import type { EngineContext } from './engine-context';
import { ExecutionDoesNotExist } from './errors';
import { isPendingRedrive, type RedriveUnderWay } from './pending-redrive';
import type { DescribeExecutionOutput, ExecutionListItem, ExecutionStatus } from '../messages/responses';

/** Listed running first, then by outcome. */
const STATUS_ORDER: Record<ExecutionStatus, number> = {
  RUNNING: 0,
  PENDING_REDRIVE: 1,
  FAILED: 2,
  TIMED_OUT: 3,
  ABORTED: 4,
  SUCCEEDED: 5,
};

export async function describeExpressChild(ctx: EngineContext, executionArn: string): Promise<DescribeExecutionOutput> {
  const child = expressChildOfArn(executionArn);
  const record = child && (await ctx.expressChildren.all(child.mapRunArn)).get(child.name);
  // A child never started (or of another engine's storage) has no record: Step Functions knows no such execution.
  if (!record || record.executionArn !== executionArn) {
    throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${executionArn}'`);
  }
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: new Date(record.startDate),
    ...(record.stopDate !== undefined ? { stopDate: new Date(record.stopDate) } : {}),
    input: JSON.stringify(record.input),
    inputDetails: { included: true },
    ...(record.status === 'SUCCEEDED'
      ? { output: JSON.stringify(record.output ?? null), outputDetails: { included: true } }
      : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
    mapRunArn: record.mapRunArn,
    redriveCount: 0,
    // An Express child is never redriven by itself: its Map Run's redrive runs it again from its first state.
    ...(record.status === 'FAILED' || record.status === 'TIMED_OUT'
      ? { redriveStatus: 'REDRIVABLE_BY_MAP_RUN' as const }
      : {
          redriveStatus: 'NOT_REDRIVABLE' as const,
          redriveStatusReason: `Execution is ${record.status} and cannot be redriven`,
        }),
  };
}

/**
 * The Map Run's Express children that pass the filters (all without them), or undefined when it has none (a Map
 * Run of Standard children, or one that started none yet). Listed running first, then by outcome, then by name.
 * None is REDRIVEN: a Map Run redrive runs an Express child again from its first state, as a new run.
 */
export async function listExpressChildren(
  ctx: EngineContext,
  mapRunArn: string,
  filters: { statusFilter?: ExecutionStatus; redriveFilter?: 'REDRIVEN' | 'NOT_REDRIVEN' },
  redrive: RedriveUnderWay | undefined,
): Promise<{ count: number; page(offset: number, size: number): ExecutionListItem[] } | undefined> {
  const { statusFilter, redriveFilter } = filters;
  const records = await ctx.expressChildren.all(mapRunArn);
  if (records.size === 0) return undefined;
  // While a redrive is under way a failed child waits for a slot (PENDING_REDRIVE) unless it ran since.
  const statusOf = (record: ExpressChildRecord): ExecutionStatus =>
    isPendingRedrive({ name: record.name, status: record.status, latestRunStart: new Date(record.startDate) }, redrive)
      ? 'PENDING_REDRIVE'
      : record.status;
  const listed = [...records.values()]
    .map((record) => ({ record, status: statusOf(record) }))
    .filter((row) => statusFilter === undefined || row.status === statusFilter)
    .filter(() => redriveFilter !== 'REDRIVEN')
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.record.name < b.record.name ? -1 : 1));
  return {
    count: listed.length,
    page: (offset, size) => listed.slice(offset, offset + size).map((row) => listItem(row.record, row.status)),
  };
}

function listItem(record: ExpressChildRecord, status: ExecutionStatus): ExecutionListItem {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status,
    startDate: new Date(record.startDate),
    ...(record.stopDate !== undefined ? { stopDate: new Date(record.stopDate) } : {}),
    mapRunArn: record.mapRunArn,
    redriveCount: 0,
  };
}
