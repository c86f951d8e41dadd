/**
 * An event log that nobody reads the details of (an Express child that logs nothing) keeps its events' ids, types
 * and links, and never makes their details: serialising a batch's input and output for every state was most of
 * what such a child's worker spent beyond its handlers (#14 point 7).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventLog } from '../../asl/events';

test('without details kept, a details function is never called; ids and links are as with them', () => {
  let made = 0;
  const details = () => {
    made++;
    return { name: 'Work', input: '{"items":[1,2,3]}' };
  };
  const bare = new EventLog(() => 1000, [], undefined, undefined, false);
  const full = new EventLog(() => 1000, [], undefined, undefined, true);
  for (const log of [bare, full]) {
    const started = log.add('ExecutionStarted', 0, { input: '{}' });
    const entered = log.add('TaskStateEntered', started, details);
    log.add('TaskStateExited', entered, details);
  }
  assert.equal(made, 2, 'made for the log that keeps details only');
  assert.deepEqual(
    bare.all().map((e) => [e.id, e.previousEventId, e.type]),
    full.all().map((e) => [e.id, e.previousEventId, e.type]),
  );
  assert.deepEqual(bare.all()[1], { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: 1000 });
  assert.deepEqual(full.all()[1]!.stateEnteredEventDetails, { name: 'Work', input: '{"items":[1,2,3]}' });
});

test('a log that is told of each event keeps details by default', () => {
  const seen: unknown[] = [];
  const log = new EventLog(
    () => 5,
    [],
    undefined,
    (event) => seen.push(event),
  );
  log.add('PassStateEntered', 0, () => ({ name: 'P', input: '1' }));
  assert.deepEqual(seen, [
    {
      id: 1,
      previousEventId: 0,
      type: 'PassStateEntered',
      timestamp: 5,
      stateEnteredEventDetails: { name: 'P', input: '1' },
    },
  ]);
});
