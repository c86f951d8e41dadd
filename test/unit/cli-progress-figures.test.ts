/** The figures `tsf` progress lines show: rate over a sliding window, ETA, counts by status. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countsText, eta, formatRate, RateTracker, type ItemCounts } from '../../cli/progress/progress-figures';

const counts = (over: Partial<ItemCounts>): ItemCounts => ({
  pending: 0,
  pendingRedrive: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total: 0,
  ...over,
});

test('the rate counts only what finished inside the window', () => {
  const rate = new RateTracker(10_000);
  rate.add(0, 500);
  assert.equal(rate.perSecond(), undefined, 'one sample has no rate');
  rate.add(2_000, 700);
  assert.equal(rate.perSecond(), 100);
  rate.add(20_000, 700);
  rate.add(22_000, 900);
  assert.equal(rate.perSecond(), 100, 'the samples older than the window are dropped');
});

test('ETA is what is left at the current rate', () => {
  const c = counts({ total: 10_000, succeeded: 4_000, failed: 1_000, running: 200, pending: 4_800 });
  assert.equal(eta(c, 100), '50s');
  assert.equal(eta(c, 2), '41m40s');
  assert.equal(eta(c, undefined), '?');
  assert.equal(eta(counts({ total: 5, succeeded: 5 }), undefined), '0s');
  assert.equal(formatRate(1234.4), '1,234/s');
  assert.equal(formatRate(2.345), '2.3/s');
});

test('counts name the statuses that are not zero; pending redrive apart from pending', () => {
  assert.equal(
    countsText(counts({ total: 100, succeeded: 90, failed: 2, pending: 8, pendingRedrive: 3 })),
    'succeeded 90 failed 2 pending redrive 3 pending 5',
  );
  assert.equal(countsText(counts({ total: 1_500, succeeded: 1_500 })), 'succeeded 1,500');
});
