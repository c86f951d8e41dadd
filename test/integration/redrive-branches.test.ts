/**
 * Redrive of Parallel and Inline Map states (sfn-spec §3.5, §13 behaviour 17): only the branches and iterations
 * that failed or were aborted run again, each from the state where it stopped; the others' outputs are reused. On
 * States.DataLimitExceeded the whole state runs again.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const counted = { 'counterDir.$': '$.counterDir', 'switchFile.$': '$.switchFile' };

function task(resource: string, key: string, extra: object = {}) {
  return { Type: 'Task', Resource: fn(resource), Parameters: { key, ...counted, ...extra } };
}

/** Creates the machine, runs it to FAILED, flips the switch, redrives it and waits for the end. */
async function failThenRedrive(definition: object, extraInput: object = {}) {
  const dir = tempDir('redrive-branches');
  const input = { counterDir: path.join(dir, 'calls'), switchFile: path.join(dir, 'switch'), ...extraInput };
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('branches'),
    definition: JSON.stringify(definition),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const failed = await engine.sfn.waitForExecution({ executionArn });
  const calls = (key: string) => callCount(input.counterDir, key);
  const before = { status: failed.status, error: failed.error };
  fs.writeFileSync(input.switchFile, 'on');
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  const history = events as unknown as HistoryEvent[];
  const redriven = history.findIndex((event) => event.type === 'ExecutionRedriven');
  assert.ok(redriven > 0, 'the history has ExecutionRedriven');
  return { before, done, calls, afterRedrive: history.slice(redriven + 1) };
}

interface HistoryEvent {
  type: string;
  stateEnteredEventDetails?: { name: string };
  mapIterationStartedEventDetails?: { index: number };
  mapStateStartedEventDetails?: { length: number };
}

function enteredStates(events: HistoryEvent[]) {
  return events.filter((e) => e.type === 'TaskStateEntered').map((e) => e.stateEnteredEventDetails!.name);
}

test('Parallel: redrive re-runs only the failed branch (from its failed state) and the aborted one', async () => {
  const { before, done, calls, afterRedrive } = await failThenRedrive({
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Parallel',
        End: true,
        Branches: [
          { StartAt: 'A', States: { A: { ...task('flaky', 'a', { failTimes: 0 }), End: true } } },
          {
            StartAt: 'B1',
            States: {
              B1: { ...task('flaky', 'b1', { failTimes: 0 }), ResultPath: '$.b1', Next: 'B2' },
              B2: { ...task('gated', 'b2'), End: true },
            },
          },
          // Still sleeping when B2 fails, so it is aborted, and a redrive runs it again.
          { StartAt: 'C', States: { C: { ...task('slow', 'c', { seconds: 8 }), End: true } } },
        ],
      },
    },
  });
  assert.deepEqual(before, { status: 'FAILED', error: 'GateClosed' });
  assert.equal(done.status, 'SUCCEEDED');
  assert.equal(calls('a'), 1, 'branch A had succeeded: not run again');
  assert.equal(calls('b1'), 1, 'the state before the failed one in branch B is not run again');
  assert.equal(calls('b2'), 2, 'the failed state runs again');
  assert.equal(calls('c'), 2, 'the aborted branch runs again');
  assert.deepEqual(JSON.parse(done.output!), [
    { key: 'a', calls: 1 },
    { key: 'b2', calls: 2 },
    { slept: 8, calls: 2 },
  ]);
  assert.deepEqual(enteredStates(afterRedrive).sort(), ['B2', 'C']);
  assert.deepEqual(
    afterRedrive.filter((e) => e.type.startsWith('Parallel') || e.type.startsWith('Execution')).map((e) => e.type),
    [
      'ParallelStateEntered',
      'ParallelStateStarted',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'ExecutionSucceeded',
    ],
  );
});

test('Inline Map: redrive re-runs only the failed iteration and the ones that never started', async () => {
  const { before, done, calls, afterRedrive } = await failThenRedrive(
    {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          // One at a time: items 0 and 1 succeed, 2 fails, 3 and 4 never start.
          MaxConcurrency: 1,
          ItemSelector: {
            'value.$': '$$.Map.Item.Value',
            'counterDir.$': '$.counterDir',
            'switchFile.$': '$.switchFile',
          },
          ItemProcessor: {
            StartAt: 'Which',
            States: {
              Which: {
                Type: 'Choice',
                Choices: [{ Variable: '$.value', NumericEquals: 2, Next: 'Gate' }],
                Default: 'Work',
              },
              Gate: { ...task('gated', 'item-2'), End: true },
              Work: {
                Type: 'Task',
                Resource: fn('flaky'),
                Parameters: {
                  'key.$': "States.Format('item-{}', $.value)",
                  failTimes: 0,
                  'counterDir.$': '$.counterDir',
                },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    },
    { items: [0, 1, 2, 3, 4] },
  );
  assert.deepEqual(before, { status: 'FAILED', error: 'GateClosed' });
  assert.equal(done.status, 'SUCCEEDED');
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => calls(`item-${i}`)),
    [1, 1, 2, 1, 1],
  );
  assert.deepEqual(JSON.parse(done.output!), [
    { key: 'item-0', calls: 1 },
    { key: 'item-1', calls: 1 },
    { key: 'item-2', calls: 2 },
    { key: 'item-3', calls: 1 },
    { key: 'item-4', calls: 1 },
  ]);
  const iterations = afterRedrive
    .filter((e) => e.type === 'MapIterationStarted')
    .map((e) => e.mapIterationStartedEventDetails?.index);
  assert.deepEqual(iterations, [2, 3, 4]);
  const started = afterRedrive.find((e) => e.type === 'MapStateStarted') as
    { mapStateStartedEventDetails?: { length: number } } | undefined;
  assert.equal(started?.mapStateStartedEventDetails?.length, 5);
});

test('Parallel that failed with States.DataLimitExceeded: redrive runs every branch again', async () => {
  // Two branches of 150 KiB each: the Parallel's result passes 256 KiB until the switch is flipped.
  const padded = (key: string) => ({ ...task('padded', key, { bytes: 150 * 1024 }), End: true });
  const { before, done, calls } = await failThenRedrive({
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Parallel',
        End: true,
        Branches: [
          { StartAt: 'A', States: { A: padded('a') } },
          { StartAt: 'B', States: { B: padded('b') } },
        ],
      },
    },
  });
  assert.deepEqual(before, { status: 'FAILED', error: 'States.DataLimitExceeded' });
  assert.equal(done.status, 'SUCCEEDED');
  assert.deepEqual([calls('a'), calls('b')], [2, 2]);
});
