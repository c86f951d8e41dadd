/** Counting a Map Run's children into the MapRunCounts that DescribeMapRun, the CLI and the console show. */
import type { ChildStatus, MapRunCounts } from '../../messages/map-run-counts';

export type { ChildStatus, MapRunCounts };

export function emptyCounts(total = 0): MapRunCounts {
  return {
    pending: total,
    running: 0,
    succeeded: 0,
    failed: 0,
    timedOut: 0,
    aborted: 0,
    total,
    resultsWritten: 0,
    failuresNotRedrivable: 0,
    pendingRedrive: 0,
  };
}

const FIELD: Record<ChildStatus, keyof MapRunCounts> = {
  PENDING: 'pending',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'timedOut',
  ABORTED: 'aborted',
};

/** Moves `amount` (1 child, or its item count) from one status to another. */
export function move(counts: MapRunCounts, from: ChildStatus, to: ChildStatus, amount: number): void {
  counts[FIELD[from]] -= amount;
  counts[FIELD[to]] += amount;
}

export function addCounts(into: MapRunCounts, from: MapRunCounts): void {
  for (const key of Object.keys(into) as Array<keyof MapRunCounts>) into[key] += from[key];
}

/** Failed plus timed out: what the tolerated-failure thresholds count. */
export function failuresOf(counts: MapRunCounts): number {
  return counts.failed + counts.timedOut;
}
