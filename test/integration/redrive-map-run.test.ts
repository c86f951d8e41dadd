/**
 * The seed scenario of issue #4: a Distributed Map over 100 items whose handler fails for 5 of them until a switch
 * is flipped. The execution fails; after the fix a redrive re-runs only those 5 children (Standard ones from the
 * state where they failed, Express ones from the first state), under the same Map Run ARN.
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
import { runTsf } from '../helpers/processes';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
// The failing items come last and 4 failures are tolerated, so every item has run when the 5th failure fails the
// Map Run: the redrive then re-runs exactly those 5 (items aborted or never started would run again too).
const FAILING = new Set([95, 96, 97, 98, 99]);

function seedMachine(executionType: 'STANDARD' | 'EXPRESS') {
  return JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        MaxConcurrency: 10,
        ToleratedFailureCount: 4,
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType },
          StartAt: 'Prepare',
          States: {
            Prepare: {
              Type: 'Task',
              Resource: fn('flaky'),
              Parameters: {
                'key.$': "States.Format('prepare-{}', $.id)",
                failTimes: 0,
                'counterDir.$': '$.counterDir',
              },
              ResultPath: null,
              Next: 'Process',
            },
            Process: {
              Type: 'Task',
              Resource: fn('gated'),
              Parameters: {
                'key.$': "States.Format('process-{}', $.id)",
                'switchFile.$': '$.switchFile',
                'counterDir.$': '$.counterDir',
              },
              End: true,
            },
          },
        },
        End: true,
      },
    },
  });
}

async function seedScenario(executionType: 'STANDARD' | 'EXPRESS') {
  const dir = tempDir(`seed-${executionType}`);
  const counterDir = path.join(dir, 'calls');
  const on = path.join(dir, 'always-on');
  const switchFile = path.join(dir, 'switch');
  fs.writeFileSync(on, 'on');
  const items = Array.from({ length: 100 }, (_, id) => ({
    id,
    counterDir,
    switchFile: FAILING.has(id) ? switchFile : on,
  }));
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName(`seed-${executionType}`),
    definition: seedMachine(executionType),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });

  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.status, 'FAILED');
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  assert.equal(failed.redriveStatus, 'REDRIVABLE');
  const { mapRuns } = await engine.sfn.listMapRuns({ executionArn });
  const mapRunArn = mapRuns[0]!.mapRunArn;
  const before = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(before.status, 'FAILED');

  fs.writeFileSync(switchFile, 'fixed');
  // Redriven as a user would, with `tsf redrive-execution`: it prints {redriveDate}.
  const cli = await runTsf(['redrive-execution', '--execution-arn', executionArn], {
    TSF_TASK_QUEUE: engine.taskQueue,
  });
  assert.equal(cli.code, 0, cli.stderr);
  const redriveDate = new Date((JSON.parse(cli.stdout) as { redriveDate: string }).redriveDate);
  assert.ok(!Number.isNaN(redriveDate.getTime()), `a redriveDate: ${cli.stdout}`);
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.equal(done.redriveCount, 1);
  assert.equal(JSON.parse(done.output!).length, 100);

  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  const redriven = events.find((e) => e.type === 'ExecutionRedriven');
  assert.deepEqual(redriven?.executionRedrivenEventDetails, { redriveCount: 1 });
  const mapRunRedriven = events.find((e) => e.type === 'MapRunRedriven');
  assert.deepEqual(mapRunRedriven?.mapRunRedrivenEventDetails, { mapRunArn, redriveCount: 1 });
  assert.equal((await engine.sfn.listMapRuns({ executionArn })).mapRuns.length, 1, 'the same Map Run, not a new one');

  const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.status, 'SUCCEEDED');
  assert.equal(mapRun.redriveCount, 1);
  assert.equal(mapRun.redriveDate?.getTime(), redriveDate.getTime());
  assert.equal(mapRun.itemCounts.succeeded, 100);
  assert.equal(mapRun.itemCounts.failed, 0);
  assert.equal(mapRun.itemCounts.pendingRedrive, 0);

  const processCalls = Array.from({ length: 100 }, (_, id) => callCount(counterDir, `process-${id}`));
  assert.equal(processCalls.filter((c) => c === 1).length, 95);
  assert.deepEqual(
    processCalls.flatMap((c, id) => (c === 2 ? [id] : [])),
    [...FAILING],
  );
  const prepareCalls = Array.from({ length: 100 }, (_, id) => callCount(counterDir, `prepare-${id}`));
  return { mapRunArn, prepareCalls };
}

test('Standard children: only the 5 failed ones are redriven, each from the state where it failed', async () => {
  const { mapRunArn, prepareCalls } = await seedScenario('STANDARD');
  assert.ok(
    prepareCalls.every((c) => c === 1),
    'Prepare, before the failed state, never runs again',
  );
  const children = await engine.sfn.listExecutions({ mapRunArn, maxResults: 1000 });
  const redrivenChildren = [];
  for (const child of children.executions) {
    const described = await engine.sfn.describeExecution({ executionArn: child.executionArn });
    if (described.redriveCount > 0) redrivenChildren.push(described);
  }
  assert.equal(redrivenChildren.length, 5);
  for (const child of redrivenChildren) {
    assert.equal(child.status, 'SUCCEEDED');
    const { events } = await engine.sfn.getExecutionHistory({ executionArn: child.executionArn, maxResults: 1000 });
    const types = events.map((e) => e.type);
    assert.deepEqual(types.slice(types.indexOf('ExecutionFailed'), types.indexOf('ExecutionFailed') + 3), [
      'ExecutionFailed',
      'ExecutionRedriven',
      'TaskStateEntered',
    ]);
    assert.equal(types.filter((t) => t === 'ExecutionStarted').length, 1);
  }
});

test('Express children: the 5 failed ones start again from the first state', async () => {
  const { prepareCalls } = await seedScenario('EXPRESS');
  assert.deepEqual(
    prepareCalls.flatMap((c, id) => (c === 2 ? [id] : [])),
    [...FAILING],
  );
  assert.equal(prepareCalls.filter((c) => c === 1).length, 95);
});

test('children waiting for a slot on a redrive count as pendingRedrive, which returns to 0 (behaviour 12)', async () => {
  const dir = tempDir('pending-redrive');
  const switchFile = path.join(dir, 'switch');
  const definition = JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        MaxConcurrency: 30,
        ToleratedFailureCount: 59,
        ItemSelector: { 'id.$': '$$.Map.Item.Value', switchFile },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Gate',
          States: {
            Gate: {
              Type: 'Task',
              Resource: fn('gated'),
              Parameters: { 'key.$': "States.Format('g-{}', $.id)", 'switchFile.$': '$.switchFile' },
              ResultPath: null,
              Next: 'Work',
            },
            Work: { Type: 'Task', Resource: fn('slow'), Parameters: { seconds: 1 }, End: true },
          },
        },
        End: true,
      },
    },
  });
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('pending'), definition });
  const items = Array.from({ length: 60 }, (_, i) => i);
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(items) });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'FAILED');
  const mapRunArn = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  assert.equal((await engine.sfn.describeMapRun({ mapRunArn })).executionCounts.failed, 60);

  fs.writeFileSync(switchFile, 'on');
  await engine.sfn.redriveExecution({ executionArn });
  let sawPending = 0;
  let maxRunning = 0;
  let sawListedPending = 0;
  // Sample the Map Run while the redriven execution runs.
  while ((await engine.sfn.describeExecution({ executionArn })).status === 'RUNNING') {
    const { executionCounts } = await engine.sfn.describeMapRun({ mapRunArn });
    sawPending = Math.max(sawPending, executionCounts.pendingRedrive);
    maxRunning = Math.max(maxRunning, executionCounts.running);
    const listed = await engine.sfn.listExecutions({ mapRunArn, statusFilter: 'PENDING_REDRIVE', maxResults: 1000 });
    assert.ok(listed.executions.every((e) => e.status === 'PENDING_REDRIVE'));
    sawListedPending = Math.max(sawListedPending, listed.executions.length);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal((await engine.sfn.describeExecution({ executionArn })).status, 'SUCCEEDED');
  assert.ok(sawPending >= 20, `children waited for a slot as pending redrive (saw ${sawPending})`);
  assert.ok(maxRunning <= 30, `no more than MaxConcurrency ran at once (saw ${maxRunning})`);
  assert.ok(
    sawListedPending >= 20,
    `ListExecutions(PENDING_REDRIVE) listed the waiting children (saw ${sawListedPending})`,
  );
  const listAfter = (statusFilter: 'PENDING_REDRIVE' | 'FAILED' | 'SUCCEEDED') =>
    engine.sfn.listExecutions({ mapRunArn, statusFilter, maxResults: 1000 }).then((r) => r.executions.length);
  assert.deepEqual(
    [await listAfter('PENDING_REDRIVE'), await listAfter('FAILED'), await listAfter('SUCCEEDED')],
    [0, 0, 60],
    'after the redrive every child is listed by its current status only',
  );
  const redriven = await engine.sfn.listExecutions({ mapRunArn, redriveFilter: 'REDRIVEN', maxResults: 1000 });
  assert.equal(redriven.executions.length, 60);
  const final = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(final.executionCounts.pendingRedrive, 0);
  assert.equal(final.executionCounts.succeeded, 60);
  assert.equal(final.executionCounts.failed, 0);
});

test('the redrive limit is hard: past it every redrive fails with States.Runtime, in the same Map Run, running nothing (limit lowered to 1)', async () => {
  const limited = new StepFunctions({
    client: engine.client,
    taskQueue: engine.taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
    redriveLimits: { redrivablePeriodMs: 60_000, historyEventLimit: 24_999, mapRunRedriveLimit: 1 },
  });
  const dir = tempDir('redrive-limit');
  const calls = path.join(dir, 'calls');
  const on = path.join(dir, 'on');
  fs.writeFileSync(on, 'on');
  const definition = JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        ItemSelector: { 'id.$': '$$.Map.Item.Value.id', 'switchFile.$': '$$.Map.Item.Value.switchFile' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Gate',
          States: {
            Gate: {
              Type: 'Task',
              Resource: fn('gated'),
              Parameters: {
                'key.$': "States.Format('limit-{}', $.id)",
                'switchFile.$': '$.switchFile',
                counterDir: calls,
              },
              End: true,
            },
          },
        },
        End: true,
      },
    },
  });
  // Items 1 and 2 fail every time (their switch never exists); item 3 succeeds the first time.
  const never = path.join(dir, 'never-on');
  const input = JSON.stringify([
    { id: 1, switchFile: never },
    { id: 2, switchFile: never },
    { id: 3, switchFile: on },
  ]);
  const { stateMachineArn } = await limited.createStateMachine({ name: uniqueName('limit'), definition });
  const { executionArn } = await limited.startExecution({ stateMachineArn, input });
  assert.equal((await limited.waitForExecution({ executionArn })).error, 'States.ExceedToleratedFailureThreshold');
  await limited.redriveExecution({ executionArn });
  const first = await limited.waitForExecution({ executionArn });
  assert.equal(first.error, 'States.ExceedToleratedFailureThreshold', 'the first redrive is allowed');
  const mapRunArn = (await limited.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  const afterFirst = await limited.describeMapRun({ mapRunArn });
  assert.equal(afterFirst.redriveCount, 1);

  for (const attempt of ['second', 'third']) {
    await limited.redriveExecution({ executionArn });
    const refused = await limited.waitForExecution({ executionArn });
    assert.equal(refused.status, 'FAILED', attempt);
    assert.equal(refused.error, 'States.Runtime', attempt);
    assert.match(refused.cause ?? '', /redriven the maximum number of times/, attempt);
    const { mapRuns } = await limited.listMapRuns({ executionArn });
    assert.deepEqual(
      mapRuns.map((m) => m.mapRunArn),
      [mapRunArn],
      `the ${attempt} redrive started no new Map Run`,
    );
    const described = await limited.describeMapRun({ mapRunArn });
    assert.equal(described.status, 'FAILED');
    assert.equal(described.redriveCount, 1, 'a refused redrive does not count');
    assert.equal(described.redriveDate?.getTime(), afterFirst.redriveDate?.getTime());
    assert.deepEqual(
      [described.itemCounts.succeeded, described.itemCounts.failed, described.itemCounts.total],
      [1, 2, 3],
      `the ${attempt} redrive keeps the counts whole`,
    );
  }
  // Item 3 succeeded at first and never ran again; 1 and 2 ran at first and in the one redrive allowed.
  assert.deepEqual(
    [1, 2, 3].map((id) => callCount(calls, `limit-${id}`)),
    [2, 2, 1],
  );
});

test("a redrive issued while a stopped parent's Map Run winds down waits for it, then redrives it (behaviour 19)", async () => {
  const definition = JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        MaxConcurrency: 2,
        ItemSelector: { 'seconds.$': '$$.Map.Item.Value' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Sleep',
          States: { Sleep: { Type: 'Task', Resource: fn('slow'), End: true } },
        },
        End: true,
      },
    },
  });
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('drain'), definition });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: '[2, 2, 1, 1, 1, 1]' });
  let mapRunArn: string | undefined;
  while (!mapRunArn) {
    mapRunArn = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]?.mapRunArn;
    await new Promise((r) => setTimeout(r, 100));
  }
  while ((await engine.sfn.describeMapRun({ mapRunArn })).executionCounts.running < 2) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await engine.sfn.stopExecution({ executionArn });
  assert.equal((await engine.sfn.describeExecution({ executionArn })).status, 'ABORTED');
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  const types = (await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 })).events.map((e) => e.type);
  assert.ok(types.indexOf('ExecutionAborted') < types.indexOf('ExecutionRedriven'));
  assert.ok(types.includes('MapRunRedriven'));
  assert.equal((await engine.sfn.listMapRuns({ executionArn })).mapRuns.length, 1, 'the same Map Run, redriven');
  const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.redriveCount, 1);
  assert.equal(mapRun.executionCounts.succeeded, 6);
  assert.equal(mapRun.executionCounts.aborted, 0);
});
