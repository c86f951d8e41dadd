/**
 * failuresNotRedrivable (issue #4, item 5; #13 point 4; sfn-spec §1.14, §2.4, §3.6): a STANDARD child whose history
 * reaches the event quota while it runs (lowered here from 25,000 events to 11) fails there, with States.Runtime as
 * its 11th and last event, and is NOT_REDRIVABLE. A Map Run redrive leaves it failed, counts it in
 * failuresNotRedrivable and against the tolerated-failure threshold, and re-runs the others. A top-level execution
 * that reaches the quota fails the same way and closes for good.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { StepFunctions } from '../../client';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** The engine's client with the redrivable period and history event limit lowered, as the tests need them. */
const withLimits = (redrivablePeriodMs: number, historyEventLimit: number) =>
  new StepFunctions({
    client: engine.client,
    taskQueue: engine.taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
    redriveLimits: { redrivablePeriodMs, historyEventLimit },
  });

test('children that reach the history quota fail there, stay failed on redrive and count as failuresNotRedrivable', async () => {
  const sfn = withLimits(60_000, 14);
  const dir = tempDir('not-redrivable');
  const counterDir = path.join(dir, 'calls');
  const switchFile = path.join(dir, 'switch');
  // A history holds 15 events at most here. Items 0-1 run Prepare, Prepare again, then Gate: Gate's TaskScheduled
  // would be their 15th event, so they fail there instead, before calling Gate. Items 2-4 run Gate alone and fail
  // (8 events); redriven, their 15th event is ExecutionSucceeded, which the quota lets in. 5-9 succeed at once.
  const definition = JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        ToleratedFailureCount: 2,
        ItemSelector: { 'id.$': '$$.Map.Item.Value', counterDir, switchFile },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Route',
          States: {
            Route: {
              Type: 'Choice',
              Choices: [
                { Variable: '$.id', NumericLessThan: 2, Next: 'Prepare' },
                { Variable: '$.id', NumericLessThan: 5, Next: 'Gate' },
              ],
              Default: 'Done',
            },
            Prepare: {
              Type: 'Task',
              Resource: fn('flaky'),
              Parameters: {
                'key.$': "States.Format('prepare-{}', $.id)",
                failTimes: 0,
                'counterDir.$': '$.counterDir',
              },
              ResultPath: null,
              Next: 'PrepareAgain',
            },
            PrepareAgain: {
              Type: 'Task',
              Resource: fn('flaky'),
              Parameters: { 'key.$': "States.Format('again-{}', $.id)", failTimes: 0, 'counterDir.$': '$.counterDir' },
              ResultPath: null,
              Next: 'Gate',
            },
            Gate: {
              Type: 'Task',
              Resource: fn('gated'),
              Parameters: {
                'key.$': "States.Format('gate-{}', $.id)",
                'switchFile.$': '$.switchFile',
                'counterDir.$': '$.counterDir',
              },
              End: true,
            },
            Done: { Type: 'Pass', End: true },
          },
        },
        End: true,
      },
    },
  });
  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('not-redrivable'), definition });
  const items = Array.from({ length: 10 }, (_, i) => i);
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(items) });
  const failed = await sfn.waitForExecution({ executionArn });
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  const mapRunArn = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  const before = await sfn.describeMapRun({ mapRunArn });
  assert.equal(before.executionCounts.failed, 5);
  assert.equal(before.executionCounts.failuresNotRedrivable, 2);

  const children = (await sfn.listExecutions({ mapRunArn, statusFilter: 'FAILED' })).executions;
  const verdicts = await Promise.all(children.map((c) => sfn.describeExecution({ executionArn: c.executionArn })));
  const notRedrivable = verdicts.filter((d) => d.redriveStatus === 'NOT_REDRIVABLE');
  assert.equal(notRedrivable.length, 2);
  for (const d of notRedrivable) assert.equal(d.redriveStatusReason, 'Execution history event limit exceeded');
  assert.equal(verdicts.filter((d) => d.redriveStatus === 'REDRIVABLE_BY_MAP_RUN').length, 3);

  fs.writeFileSync(switchFile, 'on');
  await sfn.redriveExecution({ executionArn });
  const done = await sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', 'the 2 failures left are within ToleratedFailureCount 2');
  const after = await sfn.describeMapRun({ mapRunArn });
  assert.deepEqual(
    [after.executionCounts.succeeded, after.executionCounts.failed, after.executionCounts.failuresNotRedrivable],
    [8, 2, 2],
  );
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((id) => callCount(counterDir, `gate-${id}`)),
    [0, 0, 2, 2, 2],
    'only the redrivable children ran again (0 and 1 never reached Gate)',
  );
  for (const d of notRedrivable) {
    const now = await sfn.describeExecution({ executionArn: d.executionArn });
    assert.deepEqual(
      [now.status, now.error, now.cause, now.redriveCount],
      ['FAILED', 'States.Runtime', 'The execution reached the maximum number of history events (15).', 0],
      'it failed at the quota, and a redrive leaves it so',
    );
    const { events } = await sfn.getExecutionHistory({ executionArn: d.executionArn, maxResults: 100 });
    assert.deepEqual(
      events.slice(-3).map((e) => e.type),
      ['TaskStateExited', 'TaskStateEntered', 'ExecutionFailed'],
    );
    assert.equal(events.length, 15);
  }
});

test('a top-level execution that reaches the history quota fails there and closes for good', async () => {
  const sfn = withLimits(60_000, 10);
  // Six Pass states: 1 + 6 x 2 + 1 = 14 events without the quota.
  const names = ['A', 'B', 'C', 'D', 'E', 'F'];
  const States = Object.fromEntries(
    names.map((name, i) => [name, { Type: 'Pass', ...(names[i + 1] ? { Next: names[i + 1] } : { End: true }) }]),
  );
  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('history-quota'),
    definition: JSON.stringify({ StartAt: 'A', States }),
  });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: '{}' });
  const done = await sfn.waitForExecution({ executionArn });
  assert.deepEqual(
    [done.status, done.error, done.cause, done.redriveStatus, done.redriveStatusReason],
    [
      'FAILED',
      'States.Runtime',
      'The execution reached the maximum number of history events (11).',
      'NOT_REDRIVABLE',
      'Execution history event limit exceeded',
    ],
  );
  const { events } = await sfn.getExecutionHistory({ executionArn, maxResults: 100 });
  assert.equal(events.length, 11);
  assert.deepEqual(events.at(-1)?.executionFailedEventDetails, {
    error: 'States.Runtime',
    cause: 'The execution reached the maximum number of history events (11).',
  });
  // It does not wait out a redrivable period for a redrive it can never have: its workflow has closed.
  const workflow = await engine.client.workflow.getHandle(executionArn).describe();
  assert.equal(workflow.status.name, 'FAILED');
});

test("a child past its own redrivable period is left as it is by the parent's redrive, and not listed PENDING_REDRIVE", async () => {
  // Both periods are 4 s here; MaxConcurrency 2. Item 0 fails at once; items 1 and 2 run 7 s, then fail; item 3
  // fails at once after item 1. The 4th failure fails the Map Run (3 tolerated) and the parent closes. Redriven at
  // once, the parent is within its period and so are children 1-3; child 0 is not. Redriven, children 1 and 2 hold
  // 5 s in Hold while child 3 waits for a slot.
  const sfn = withLimits(4000, 24_999);
  const dir = tempDir('child-period');
  const counterDir = path.join(dir, 'calls');
  const switchFile = path.join(dir, 'switch');
  const definition = JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        MaxConcurrency: 2,
        ToleratedFailureCount: 3,
        ItemSelector: { 'item.$': '$$.Map.Item.Value', counterDir, switchFile },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Work',
          States: {
            Work: {
              Type: 'Task',
              Resource: fn('slow'),
              Parameters: { 'seconds.$': '$.item.seconds' },
              ResultPath: null,
              Next: 'Gate',
            },
            Gate: {
              Type: 'Task',
              Resource: fn('gated'),
              Parameters: {
                'key.$': "States.Format('gate-{}', $.item.id)",
                'switchFile.$': '$.switchFile',
                'counterDir.$': '$.counterDir',
              },
              ResultPath: null,
              Next: 'Hold',
            },
            Hold: { Type: 'Task', Resource: fn('slow'), Parameters: { 'seconds.$': '$.item.hold' }, End: true },
          },
        },
        End: true,
      },
    },
  });
  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('child-period'), definition });
  const input = JSON.stringify([
    { id: 0, seconds: 0, hold: 0 },
    { id: 1, seconds: 7, hold: 5 },
    { id: 2, seconds: 7, hold: 5 },
    { id: 3, seconds: 0, hold: 0 },
  ]);
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input });
  const failed = await sfn.waitForExecution({ executionArn });
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  const mapRunArn = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  fs.writeFileSync(switchFile, 'on');
  await sfn.redriveExecution({ executionArn });

  const idOf = async (child: string) =>
    (JSON.parse((await sfn.describeExecution({ executionArn: child })).input!) as { item: { id: number } }).item.id;
  // Once the redriven children 1 and 2 show as running again, the list has settled.
  const pending = await pollUntil(async () => {
    const { executions } = await sfn.listExecutions({ mapRunArn, statusFilter: 'PENDING_REDRIVE' });
    const ids = (await Promise.all(executions.map((e) => idOf(e.executionArn)))).sort();
    return ids.includes(3) && !ids.includes(1) && !ids.includes(2) ? ids : undefined;
  }, 'child 3 alone waiting for a slot');
  const done = await sfn.waitForExecution({ executionArn });

  assert.deepEqual(pending, [3], 'child 0, which this redrive leaves as it is, is not pending redrive');
  assert.equal(done.status, 'SUCCEEDED', 'the failure left is within ToleratedFailureCount 3');
  const mapRun = await sfn.describeMapRun({ mapRunArn });
  assert.deepEqual(
    [mapRun.executionCounts.succeeded, mapRun.executionCounts.failed, mapRun.executionCounts.failuresNotRedrivable],
    [3, 1, 1],
  );
  assert.deepEqual(
    [0, 1, 2, 3].map((id) => callCount(counterDir, `gate-${id}`)),
    [1, 2, 2, 2],
    'child 0 did not run again',
  );
  const children = (await sfn.listExecutions({ mapRunArn })).executions;
  const described = await Promise.all(children.map((c) => sfn.describeExecution({ executionArn: c.executionArn })));
  const expired = described.find((d) => d.status === 'FAILED');
  assert.deepEqual(
    [expired?.redriveCount, expired?.redriveStatus, expired?.redriveStatusReason],
    [0, 'NOT_REDRIVABLE', 'Execution redrivable period exceeded'],
  );
});
