/**
 * How a Map Run spreads MaxConcurrency over its partitions (workflows/map-run/windows.ts) and what a page counts
 * before its partition starts (waiting-counts.ts): the rules behind #13's "a redrive runs up to MaxConcurrency
 * children at once, however thinly the failures are spread" and "counts stay whole during a redrive".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyCounts } from '../../workflows/map-run/counts';
import { waitingCounts } from '../../workflows/map-run/waiting-counts';
import { partitionsAtOnce, roomForAnother, shareByDemand, shareWindows } from '../../workflows/map-run/windows';

/** Starts partitions of the given demands the way the runner does; returns the windows of those running at once. */
function startWhileRoom(maxConcurrency: number, demands: number[]): number[] {
  const running: number[] = [];
  for (const demand of demands) {
    if (!roomForAnother(maxConcurrency, running)) break;
    running.push(demand);
  }
  return shareByDemand(maxConcurrency, running);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('partition windows by demand', () => {
  test('200 failures over 20 partitions of 250 with MaxConcurrency 100: 10 partitions run 100 children', () => {
    const windows = startWhileRoom(100, new Array(20).fill(10));
    assert.deepEqual(windows, new Array(10).fill(10));
    // Before: ceil(100 / 250) = 1 partition at once, 10 children running.
    assert.equal(partitionsAtOnce(100), 1);
  });

  test('the documented example: 6,000 to re-run, MaxConcurrency 3,000: 12 partitions of 250 run 3,000', () => {
    const windows = startWhileRoom(3000, new Array(24).fill(250));
    assert.equal(windows.length, 12);
    assert.equal(sum(windows), 3000);
  });

  test('a first attempt of full pages starts as many partitions as before, with the same windows', () => {
    for (const c of [1, 10, 100, 250, 600, 1000, 2501, 0]) {
      const windows = startWhileRoom(c, new Array(60).fill(250));
      assert.equal(windows.length, partitionsAtOnce(c), `MaxConcurrency ${c}`);
      assert.deepEqual([...windows].sort(), [...shareWindows(c, windows.length)].sort(), `MaxConcurrency ${c}`);
    }
  });

  test('windows never exceed MaxConcurrency, the partition bound or a demand, and give out what they can', () => {
    const cases: Array<[number, number[]]> = [
      [100, [3, 250, 7, 250]],
      [5, [1, 1, 1, 1, 1, 1, 1]],
      [1000, [250, 250, 250, 250, 250]],
      [7, [250, 250, 250]],
      [3000, [0, 0, 2]],
    ];
    for (const [c, demands] of cases) {
      const windows = shareByDemand(c, demands);
      assert.ok(sum(windows) <= c, `${c} ${demands}: ${windows}`);
      windows.forEach((w, i) => assert.ok(w <= Math.min(250, Math.max(demands[i]!, 1)), `${c} ${demands}: ${windows}`));
      const wanted = sum(demands.map((d) => Math.min(250, Math.max(d, 1))));
      assert.equal(sum(windows), Math.min(c, wanted), `${c} ${demands}: ${windows}`);
    }
  });

  test('a partition with nothing to re-run still gets a slot, so it can end and report', () => {
    assert.deepEqual(shareByDemand(10, [0]), [1]);
  });

  test('no more than 1,000 partitions at once, whatever MaxConcurrency allows', () => {
    assert.equal(roomForAnother(10_000, new Array(999).fill(1)), true);
    assert.equal(roomForAnother(10_000, new Array(1000).fill(1)), false);
  });
});

describe('counts of a page before its partition starts', () => {
  const page = { index: 0, firstItem: 0, itemCount: 5 };

  test('a first attempt: all pending', () => {
    assert.deepEqual(waitingCounts(page, undefined, undefined).items, emptyCounts(5));
  });

  test('a redrive: successes stay, not-redrivable ones stay as they ended, the rest pending redrive', () => {
    const left = { childStates: 'SFtSP', childRunIds: {} };
    const { items, executions } = waitingCounts(page, left, undefined);
    assert.deepEqual(executions, {
      ...emptyCounts(5),
      pending: 2,
      pendingRedrive: 2,
      succeeded: 2,
      timedOut: 1,
      failuresNotRedrivable: 1,
    });
    assert.deepEqual(items, executions);
  });

  test('batches: items from the last counts, not-redrivable ones by how they ended', () => {
    const left = {
      childStates: 'SfA',
      childRunIds: {},
      items: { ...emptyCounts(10), pending: 0, succeeded: 4, failed: 3, aborted: 3, failuresNotRedrivable: 3 },
      notRedrivableItems: { failed: 3, timedOut: 0, aborted: 0 },
    };
    const { items, executions } = waitingCounts({ ...page, itemCount: 10 }, left, { maxItemsPerBatch: 4 });
    assert.deepEqual(items, {
      ...emptyCounts(10),
      pending: 3,
      pendingRedrive: 3,
      succeeded: 4,
      failed: 3,
      failuresNotRedrivable: 3,
    });
    assert.equal(executions.pendingRedrive, 1);
  });
});
