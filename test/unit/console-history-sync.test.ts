/** The console reads only the new events of an execution it already shows. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syncHistory, type HistoryPager } from '../../console/web/src/lib/history-sync';
import type { HistoryEvent } from '../../console/web/src/types';

function fakeHistory(count: number) {
  const events: HistoryEvent[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    previousEventId: i,
    type: 'E',
    timestamp: '',
  }));
  const calls: Array<{ reverseOrder: boolean; maxResults: number }> = [];
  // Pages like GetExecutionHistory: the token is the position in the requested order.
  const pager: HistoryPager = async ({ nextToken, maxResults, reverseOrder }) => {
    calls.push({ reverseOrder, maxResults });
    const ordered = reverseOrder ? [...events].reverse() : events;
    const from = nextToken === undefined ? 0 : Number(nextToken);
    const page = ordered.slice(from, from + maxResults);
    return { events: page, ...(from + maxResults < ordered.length ? { nextToken: String(from + maxResults) } : {}) };
  };
  return { events, calls, pager };
}

test('the first read pages forward through the whole history', async () => {
  const h = fakeHistory(2500);
  const read = await syncHistory(h.pager, []);
  assert.deepEqual(
    read.map((e) => e.id),
    h.events.map((e) => e.id),
  );
  assert.deepEqual(h.calls, [
    { reverseOrder: false, maxResults: 1000 },
    { reverseOrder: false, maxResults: 1000 },
    { reverseOrder: false, maxResults: 1000 },
  ]);
});

test('later reads page backwards only until they reach what is already held', async () => {
  const h = fakeHistory(1000);
  const held = h.events.slice(0, 850);
  const read = await syncHistory(h.pager, held);
  assert.deepEqual(
    read.map((e) => e.id),
    h.events.map((e) => e.id),
  );
  assert.equal(h.calls.length, 2, '150 new events: two pages of 100, newest first');
  assert.ok(h.calls.every((c) => c.reverseOrder));
  h.calls.length = 0;
  assert.equal(await syncHistory(h.pager, h.events), h.events, 'nothing new: the same list back');
  assert.equal(h.calls.length, 1, 'nothing new: one page');
});
