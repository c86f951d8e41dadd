/**
 * The report of a partition that failed as a workflow (not one of its children): a fault of the whole Map Run.
 */
import type { PartitionReport } from '../../messages/map-run';
import { emptyCounts } from './counts';
import type { PartitionPage } from './pages';

export function faultReport(page: PartitionPage, error: unknown): PartitionReport {
  const cause = (error as { cause?: { message?: string; type?: string } }).cause;
  return {
    partition: page.index,
    items: emptyCounts(page.itemCount),
    executions: emptyCounts(0),
    finished: { fault: { error: cause?.type ?? 'States.Runtime', cause: cause?.message ?? String(error) } },
  };
}
