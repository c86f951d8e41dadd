/**
 * A Map Run's counts as of now: the Map Run knows its finished partitions' counts, and running partitions are asked
 * for theirs (no signal per child). A partition that does not answer keeps the counts the Map Run last heard of it,
 * and the answer says so (`staleCounts`): DescribeMapRun never returns stale counts silently.
 */
import type { MapRunCounts } from '../messages/map-run-counts';
import type { MapRunDescription, PartitionReport } from '../messages/map-run';

export interface StaleCounts {
  /** Running partitions (workflow ids) whose counts could not be read now: theirs are as last reported. */
  partitions: string[];
  reason: string;
}

/** `answers[i]` is running partition i's progress, or the error its query failed with. */
export function mergeFreshCounts(
  d: MapRunDescription,
  answers: Array<PartitionReport | Error>,
): { itemCounts: MapRunCounts; executionCounts: MapRunCounts; staleCounts?: StaleCounts } {
  const itemCounts = { ...d.itemCounts };
  const executionCounts = { ...d.executionCounts };
  const stale: string[] = [];
  let reason = '';
  (d.runningPartitions ?? []).forEach((partition, i) => {
    const fresh = answers[i];
    if (!fresh || fresh instanceof Error) {
      stale.push(partition.workflowId);
      reason ||= fresh?.message ?? 'no answer';
      return;
    }
    shift(itemCounts, partition.items, fresh.items);
    shift(executionCounts, partition.executions, fresh.executions);
  });
  return { itemCounts, executionCounts, ...(stale.length > 0 ? { staleCounts: { partitions: stale, reason } } : {}) };
}

function shift(total: MapRunCounts, stale: MapRunCounts, fresh: MapRunCounts): void {
  for (const key of Object.keys(total) as Array<keyof MapRunCounts>) total[key] += fresh[key] - stale[key];
}
