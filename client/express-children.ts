/**
 * DescribeExecution and ListExecutions(mapRunArn) for a Map Run's Express children (sfn-spec §14.1: Step Functions
 * "stores the response and status of the Express child workflow executions"), from the records the activity that
 * ran each child wrote (activities/express/child-records.ts). A re-run child keeps its ARN and shows its latest run.
 */
import { expressChildOfArn } from '../asl/arn';
import {
  EXPRESS_CHILD_STATUSES,
  type ExpressChildRecord,
  type ExpressChildStatus,
} from '../activities/express/child-records';
import type { EngineContext } from './engine-context';
import { ExecutionDoesNotExist } from './errors';
import { isPendingRedrive, type RedriveUnderWay } from './pending-redrive';
import type { DescribeExecutionOutput, ExecutionListItem, ExecutionStatus } from '../messages/responses';

export async function describeExpressChild(ctx: EngineContext, executionArn: string): Promise<DescribeExecutionOutput> {
  const child = expressChildOfArn(executionArn);
  const record = child && (await ctx.expressChildren.read(child.mapRunArn, child.name));
  // A child never started (or of another engine's storage) has no record: Step Functions knows no such execution.
  if (!record || record.executionArn !== executionArn) {
    throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${executionArn}'`);
  }
  const ended = record.status !== 'RUNNING';
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
    ...(ended && record.status !== 'SUCCEEDED'
      ? { redriveStatus: 'REDRIVABLE_BY_MAP_RUN' as const }
      : {
          redriveStatus: 'NOT_REDRIVABLE' as const,
          redriveStatusReason: `Execution is ${record.status} and cannot be redriven`,
        }),
  };
}

/**
 * The Map Run's Express children with `statusFilter` (all without one), or undefined when it has none (a Map Run
 * of Standard children, or one that started none yet). Ordered by status (running first), then by name: the
 * records are listed by key, and only the rows of a page are read for their dates.
 */
export async function listExpressChildren(
  ctx: EngineContext,
  mapRunArn: string,
  statusFilter: ExecutionStatus | undefined,
  redrive: RedriveUnderWay | undefined,
): Promise<{ count: number; page(offset: number, size: number): Promise<ExecutionListItem[]> } | undefined> {
  const byStatus = await Promise.all(
    EXPRESS_CHILD_STATUSES.map(async (status) => ({
      status,
      names: await ctx.expressChildren.names(mapRunArn, status),
    })),
  );
  if (byStatus.every(({ names }) => names.length === 0)) return undefined;
  // A child caught between its RUNNING record and the removal of an older one is listed once, as running.
  const seen = new Set<string>();
  const rows: Array<{ name: string; status: ExpressChildStatus }> = [];
  for (const { status, names } of byStatus) {
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      rows.push({ name, status });
    }
  }
  // While a redrive is under way a failed child waits for a slot (PENDING_REDRIVE) unless its record is newer than
  // the redrive: its dates are in its record, so the unsuccessful ones are read now.
  const records = new Map<string, ExpressChildRecord>();
  if (redrive) {
    const unsuccessful = rows.filter((row) => row.status === 'FAILED' || row.status === 'TIMED_OUT');
    for (const record of await readAll(ctx, mapRunArn, unsuccessful)) records.set(record.name, record);
  }
  const statusOf = (row: { name: string; status: ExpressChildStatus }): ExecutionStatus => {
    const record = records.get(row.name);
    const latestRunStart = new Date(record?.startDate ?? Number.MAX_SAFE_INTEGER);
    return isPendingRedrive({ name: row.name, status: row.status, latestRunStart }, redrive)
      ? 'PENDING_REDRIVE'
      : row.status;
  };
  const listed = rows
    .map((row) => ({ ...row, status: statusOf(row) }))
    .filter((row) => statusFilter === undefined || row.status === statusFilter);
  return {
    count: listed.length,
    async page(offset, size) {
      const slice = listed.slice(offset, offset + size);
      const unread = slice.filter((row) => !records.has(row.name));
      for (const record of await readAll(ctx, mapRunArn, unread)) records.set(record.name, record);
      return slice.flatMap((row) => {
        const record = records.get(row.name);
        return record ? [listItem(record, row.status)] : [];
      });
    },
  };
}

/** Records are read this many at a time: a page of 1,000 must not open 1,000 files or requests at once. */
const READS_AT_ONCE = 32;

async function readAll(ctx: EngineContext, mapRunArn: string, rows: Array<{ name: string }>) {
  const records: ExpressChildRecord[] = [];
  for (let i = 0; i < rows.length; i += READS_AT_ONCE) {
    const chunk = rows.slice(i, i + READS_AT_ONCE);
    const read = await Promise.all(chunk.map((row) => ctx.expressChildren.read(mapRunArn, row.name)));
    for (const record of read) if (record) records.push(record);
  }
  return records;
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
