/**
 * A Map Run's Express children as ListExecutions(mapRunArn) lists them, once their records are written: the worker
 * writes them in batches, within a quarter of a second of each child's end (activities/express/child-records.ts).
 */
import type { ExecutionListItem, StepFunctions } from '../../client';
import { pollUntil } from './poll';

export function expressChildrenListed(
  sfn: StepFunctions,
  mapRunArn: string,
  count: number,
  statusFilter?: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'PENDING_REDRIVE',
): Promise<ExecutionListItem[]> {
  return pollUntil(
    async () => {
      const { executions } = await sfn.listExecutions({ mapRunArn, ...(statusFilter ? { statusFilter } : {}) });
      return executions.length === count ? executions : undefined;
    },
    `${count} Express children listed${statusFilter ? ` ${statusFilter}` : ''}`,
  );
}
