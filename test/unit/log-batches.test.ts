/**
 * PutLogEvents' limits, as the log store splits records into batches (activities/logs/log-batches.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  eventBytes,
  eventsByStream,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  splitIntoBatches,
  streamNameFor,
  type LogEvent,
} from '../../activities/logs/log-batches';

const DAY = Date.UTC(2026, 11, 3);
const events = (count: number, size = 10, start = DAY): LogEvent[] =>
  Array.from({ length: count }, (_, i) => ({ timestamp: start + i, message: 'x'.repeat(size) }));

describe('log batches', () => {
  test('at most 10,000 events a batch', () => {
    const { batches } = splitIntoBatches(events(MAX_BATCH_EVENTS * 2 + 1));
    assert.deepEqual(
      batches.map((b) => b.length),
      [MAX_BATCH_EVENTS, MAX_BATCH_EVENTS, 1],
    );
  });

  test('at most 1,048,576 bytes a batch, counting 26 bytes per event', () => {
    const { batches } = splitIntoBatches(events(40, 50_000));
    for (const batch of batches) {
      assert.ok(batch.reduce((sum, e) => sum + eventBytes(e), 0) <= MAX_BATCH_BYTES);
    }
    // 50,026 bytes an event: 20 fit (1,000,520), the 21st would not.
    assert.deepEqual(
      batches.map((b) => b.length),
      [20, 20],
    );
    const multibyte = splitIntoBatches(events(3, 200_000).map((e) => ({ ...e, message: 'é'.repeat(200_000) })));
    assert.deepEqual(
      multibyte.batches.map((b) => b.length),
      [2, 1],
    );
  });

  test('an event too large for any batch is set aside, the rest delivered', () => {
    const big = { timestamp: DAY + 5, message: 'x'.repeat(MAX_BATCH_BYTES) };
    const { batches, oversized } = splitIntoBatches([...events(2), big]);
    assert.deepEqual(oversized, [big]);
    assert.equal(batches.flat().length, 2);
  });

  test('no batch spans 24 hours', () => {
    const spread = [DAY, DAY + 3_600_000, DAY + 86_400_000, DAY + 90_000_000].map((timestamp) => ({
      timestamp,
      message: 'm',
    }));
    assert.deepEqual(
      splitIntoBatches(spread).batches.map((b) => b.map((e) => e.timestamp - DAY)),
      [
        [0, 3_600_000],
        [86_400_000, 90_000_000],
      ],
    );
  });

  test('one stream per worker and UTC day, events in time order, JSON messages as text', () => {
    assert.equal(streamNameFor('123@host:a*b', DAY + 1), '2026/12/03/123@host-a-b');
    const streams = eventsByStream('w1', [
      { timestamp: DAY + 86_400_001, message: { type: 'ExecutionSucceeded' } },
      { timestamp: DAY + 2, message: 'second' },
      { timestamp: DAY + 1, message: 'first' },
    ]);
    assert.deepEqual([...streams.keys()], ['2026/12/03/w1', '2026/12/04/w1']);
    assert.deepEqual(
      streams.get('2026/12/03/w1')!.map((e) => e.message),
      ['first', 'second'],
    );
    assert.deepEqual(streams.get('2026/12/04/w1')!, [
      { timestamp: DAY + 86_400_001, message: '{"type":"ExecutionSucceeded"}' },
    ]);
  });
});
