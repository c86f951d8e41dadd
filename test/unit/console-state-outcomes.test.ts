/** The console graph's colours: each state's outcome read from the Step Functions event log. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventOwners, stateOutcomes, type OutcomeEvent } from '../../console/web/src/lib/state-outcomes';

/** Builds a log the way the engine writes it: ids from 1, each event pointing at the one it follows. */
function log(entries: Array<[type: string, previous: number, name?: string]>): OutcomeEvent[] {
  return entries.map(([type, previousEventId, name], index) => {
    const event: OutcomeEvent = { id: index + 1, previousEventId, type };
    if (name !== undefined)
      event[type.endsWith('StateExited') ? 'stateExitedEventDetails' : 'stateEnteredEventDetails'] = { name };
    return event;
  });
}

const failedMapRun = log([
  ['ExecutionStarted', 0],
  ['PassStateEntered', 0, 'Prepare'],
  ['PassStateExited', 2, 'Prepare'],
  ['MapStateEntered', 3, 'Items'],
  ['MapStateStarted', 4],
  ['MapRunStarted', 5],
  ['MapRunFailed', 6],
  ['MapStateFailed', 7],
  ['ExecutionFailed', 8],
]);

test('a failed Distributed Map: the state before it succeeded, it failed, the one after never ran', () => {
  const outcomes = stateOutcomes(failedMapRun, 'FAILED');
  assert.equal(outcomes.get('Prepare'), 'succeeded');
  assert.equal(outcomes.get('Items'), 'failed');
  assert.equal(outcomes.has('Done'), false);
});

test('after a redrive the re-entered state shows its new outcome', () => {
  const redriven = [
    ...failedMapRun,
    ...log([
      ['ExecutionRedriven', 9],
      ['MapStateEntered', 10, 'Items'],
      ['MapStateStarted', 11],
      ['MapRunRedriven', 12],
      ['MapRunSucceeded', 13],
      ['MapStateSucceeded', 14],
      ['MapStateExited', 15, 'Items'],
      ['SucceedStateEntered', 16, 'Done'],
      ['SucceedStateExited', 17, 'Done'],
      ['ExecutionSucceeded', 18],
    ]).map((e) => ({ ...e, id: e.id + 9 })),
  ];
  const outcomes = stateOutcomes(redriven, 'SUCCEEDED');
  assert.deepEqual(Object.fromEntries(outcomes), { Prepare: 'succeeded', Items: 'succeeded', Done: 'succeeded' });
  // While the redrive runs, the re-entered state is in progress.
  assert.equal(stateOutcomes(redriven.slice(0, 12), 'RUNNING').get('Items'), 'running');
  // A redrive that has not re-entered the failed state yet still shows it failed.
  assert.equal(stateOutcomes(redriven.slice(0, 10), 'RUNNING').get('Items'), 'failed');
});

test('a caught error, a retried failure and an aborted state', () => {
  const events = log([
    ['ExecutionStarted', 0],
    ['TaskStateEntered', 0, 'Flaky'],
    ['TaskScheduled', 2],
    ['TaskStarted', 3],
    ['TaskFailed', 4],
    ['TaskScheduled', 5],
    ['TaskStarted', 6],
    ['TaskSucceeded', 7],
    ['TaskStateExited', 8, 'Flaky'],
    ['TaskStateEntered', 9, 'Risky'],
    ['LambdaFunctionScheduled', 10],
    ['LambdaFunctionStarted', 11],
    ['LambdaFunctionFailed', 12],
    ['TaskStateExited', 13, 'Risky'],
    ['WaitStateEntered', 14, 'Pause'],
    ['WaitStateAborted', 15],
    ['ExecutionAborted', 16],
  ]);
  const outcomes = stateOutcomes(events, 'ABORTED');
  assert.equal(outcomes.get('Flaky'), 'succeeded', 'a failure that a retry got past');
  assert.equal(outcomes.get('Risky'), 'caught');
  assert.equal(outcomes.get('Pause'), 'aborted');
  assert.equal(eventOwners(events).get(13), 'Risky');
});

test('a state still open when the execution stops is in progress, failed or aborted with it', () => {
  const open = log([
    ['ExecutionStarted', 0],
    ['TaskStateEntered', 0, 'Work'],
    ['TaskScheduled', 2],
  ]);
  assert.equal(stateOutcomes(open, 'RUNNING').get('Work'), 'running');
  assert.equal(stateOutcomes(open, 'TIMED_OUT').get('Work'), 'failed');
  assert.equal(stateOutcomes(open, 'ABORTED').get('Work'), 'aborted');
});
