/**
 * DescribeMapRun's counts (#13 point 6): running partitions are asked for their counts; one that does not answer
 * keeps the counts the Map Run last heard, and the answer names it (staleCounts) instead of passing them off as
 * current.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeFreshCounts } from '../../client/fresh-counts';
import type { MapRunDescription, PartitionReport } from '../../messages/map-run';
import { emptyCounts } from '../../workflows/map-run/counts';

const counts = (over: Partial<ReturnType<typeof emptyCounts>>, total: number) => ({
  ...emptyCounts(total),
  ...over,
});

function description(): MapRunDescription {
  // Two running partitions of 10 children, each last heard with nothing started; a finished one of 10 succeeded.
  const lastHeard = counts({}, 10);
  return {
    mapRunArn: 'arn:aws:states:us-east-1:000000000000:mapRun:m/l:1',
    executionArn: 'arn:aws:states:us-east-1:000000000000:execution:m:e',
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m/l',
    label: 'l',
    status: 'RUNNING',
    startDate: 0,
    maxConcurrency: 10,
    toleratedFailureCount: 0,
    toleratedFailurePercentage: 0,
    redriveCount: 0,
    itemCounts: counts({ pending: 20, succeeded: 10 }, 30),
    executionCounts: counts({ pending: 20, succeeded: 10 }, 30),
    runningPartitions: [
      { index: 1, workflowId: 'map/p1', items: lastHeard, executions: lastHeard },
      { index: 2, workflowId: 'map/p2', items: lastHeard, executions: lastHeard },
    ],
  };
}

const progress = (running: number, succeeded: number): PartitionReport => {
  const c = counts({ pending: 10 - running - succeeded, running, succeeded }, 10);
  return { partition: 1, items: c, executions: c };
};

test('every running partition answers: its counts replace the ones last heard, and nothing is stale', () => {
  const merged = mergeFreshCounts(description(), [progress(4, 6), progress(10, 0)]);
  assert.deepEqual(
    [merged.itemCounts.pending, merged.itemCounts.running, merged.itemCounts.succeeded, merged.itemCounts.total],
    [0, 14, 16, 30],
  );
  assert.equal(merged.staleCounts, undefined);
});

test('a partition that does not answer keeps its last counts, and the answer says which one and why', () => {
  const merged = mergeFreshCounts(description(), [progress(4, 6), new Error('query timed out')]);
  assert.deepEqual([merged.itemCounts.pending, merged.itemCounts.running, merged.itemCounts.succeeded], [10, 4, 16]);
  assert.deepEqual(merged.staleCounts, { partitions: ['map/p2'], reason: 'query timed out' });
});
