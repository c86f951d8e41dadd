/**
 * Controlling a live Map Run: UpdateMapRun's MaxConcurrency takes effect, a stopped parent drains its Map Run
 * (running Standard children ABORTED, unstarted items PENDING in the ResultWriter files), a tripped threshold
 * aborts what runs, and Express children hit their time limit as TIMED_OUT.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';

let engine: TestEngine;
const storageDir = tempDir('map-run-control');
before(async () => {
  fs.mkdirSync(path.join(storageDir, 'results'), { recursive: true });
  engine = await startTestEngine({ handlers, storageDir, expressTimeLimitMs: 3000 });
});
after(() => engine?.stop());

/** A Map whose children each sleep `seconds` in the `slow` handler. */
function slowMap(executionType: 'STANDARD' | 'EXPRESS', map: Record<string, unknown>) {
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemSelector: { 'seconds.$': '$.seconds', 'index.$': '$$.Map.Item.Index' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType },
          StartAt: 'Sleep',
          States: {
            Sleep: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:slow', End: true },
          },
        },
        End: true,
        ...map,
      },
    },
  });
}

async function start(definition: string, input: unknown) {
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('control'), definition });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const mapRunArn = await pollUntil(async () => {
    const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
    const started = events.find((e) => e.type === 'MapRunStarted');
    return (started?.mapRunStartedEventDetails as { mapRunArn?: string } | undefined)?.mapRunArn;
  }, 'MapRunStarted');
  return { executionArn, mapRunArn };
}

test('UpdateMapRun(maxConcurrency=5) on a live Map Run: never more than 5 children run afterwards', async () => {
  const items = Array.from({ length: 60 }, (_, i) => i);
  const { executionArn, mapRunArn } = await start(slowMap('STANDARD', { MaxConcurrency: 20 }), { items, seconds: 1 });
  await pollUntil(
    async () => ((await engine.sfn.describeMapRun({ mapRunArn })).executionCounts.running > 5 ? true : undefined),
    'more than 5 running',
  );
  await engine.sfn.updateMapRun({ mapRunArn, maxConcurrency: 5 });
  assert.equal((await engine.sfn.describeMapRun({ mapRunArn })).maxConcurrency, 5);
  // Children already running finish (each takes 1 s); after that the new limit holds.
  await new Promise((r) => setTimeout(r, 2500));
  let samples = 0;
  let maxRunning = 0;
  for (;;) {
    const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
    if (mapRun.status !== 'RUNNING') break;
    samples++;
    maxRunning = Math.max(maxRunning, mapRun.executionCounts.running);
    await new Promise((r) => setTimeout(r, 150));
  }
  assert.ok(samples >= 5, `sampled ${samples} times while running`);
  assert.ok(maxRunning <= 5, `at most 5 running after the update, saw ${maxRunning}`);
  const described = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(described.status, 'SUCCEEDED');
  const final = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(final.executionCounts.succeeded, 60);
  await assert.rejects(engine.sfn.updateMapRun({ mapRunArn, maxConcurrency: 3 }), {
    name: 'ValidationException',
    reason: 'CANNOT_UPDATE_COMPLETED_MAP_RUN',
  });
});

test('stopping the parent drains the Map Run: running children ABORTED, unstarted items PENDING', async () => {
  const items = Array.from({ length: 12 }, (_, i) => i);
  const definition = slowMap('STANDARD', {
    MaxConcurrency: 3,
    ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'stopped' } },
  });
  const { executionArn, mapRunArn } = await start(definition, { items, seconds: 30 });
  await pollUntil(
    async () => ((await engine.sfn.describeMapRun({ mapRunArn })).executionCounts.running === 3 ? true : undefined),
    '3 running',
  );
  await engine.sfn.stopExecution({ executionArn, error: 'Ops.Stop', cause: 'stopped by the test' });
  const parent = await engine.sfn.describeExecution({ executionArn });
  assert.equal(parent.status, 'ABORTED');

  const mapRun = await pollUntil(async () => {
    const m = await engine.sfn.describeMapRun({ mapRunArn });
    return m.status === 'RUNNING' ? undefined : m;
  }, 'the Map Run to wind down');
  assert.equal(mapRun.status, 'ABORTED');
  assert.equal(mapRun.executionCounts.aborted, 3);
  assert.equal(mapRun.executionCounts.pending, 9);
  assert.equal(mapRun.executionCounts.running, 0);
  const aborted = await engine.sfn.listExecutions({ mapRunArn, statusFilter: 'ABORTED' });
  assert.equal(aborted.executions.length, 3);

  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  assert.deepEqual(events.map((e) => e.type).slice(-3), ['MapRunAborted', 'MapStateAborted', 'ExecutionAborted']);

  const mapRunId = mapRunArn.split(':').at(-1)!;
  const manifest = JSON.parse(
    fs.readFileSync(path.join(storageDir, 'results', `stopped/${mapRunId}/manifest.json`), 'utf8'),
  );
  assert.equal(manifest.ResultFiles.SUCCEEDED.length, 0);
  const failed = JSON.parse(
    fs.readFileSync(path.join(storageDir, 'results', manifest.ResultFiles.FAILED[0].Key), 'utf8'),
  );
  assert.deepEqual(
    failed.map((r: { Status: string }) => r.Status),
    ['ABORTED', 'ABORTED', 'ABORTED'],
  );
  const pending = JSON.parse(
    fs.readFileSync(path.join(storageDir, 'results', manifest.ResultFiles.PENDING[0].Key), 'utf8'),
  );
  assert.equal(pending.length, 9);
  assert.ok(pending.every((r: { Status: string }) => r.Status === 'PENDING'));
});

test('a tripped threshold aborts running Standard children and leaves the rest pending', async () => {
  const definition = JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        MaxConcurrency: 4,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Route',
          States: {
            Route: {
              Type: 'Choice',
              Choices: [{ Variable: '$.fail', IsPresent: true, Next: 'Boom' }],
              Default: 'Sleep',
            },
            Boom: { Type: 'Fail', Error: 'Bad', Cause: 'bad item' },
            Sleep: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:slow', End: true },
          },
        },
        End: true,
      },
    },
  });
  const items = [
    { seconds: 30 },
    { seconds: 30 },
    { seconds: 30 },
    { fail: true },
    ...Array.from({ length: 8 }, () => ({ seconds: 30 })),
  ];
  const { executionArn, mapRunArn } = await start(definition, items);
  const described = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(described.status, 'FAILED');
  assert.equal(described.error, 'States.ExceedToleratedFailureThreshold');
  const mapRun = await pollUntil(async () => {
    const m = await engine.sfn.describeMapRun({ mapRunArn });
    return m.status === 'RUNNING' ? undefined : m;
  }, 'the Map Run to end');
  assert.equal(mapRun.status, 'FAILED');
  assert.equal(mapRun.executionCounts.failed, 1);
  assert.equal(mapRun.executionCounts.succeeded, 0);
  assert.equal(mapRun.executionCounts.running, 0);
  // The three siblings running when the failure happened are aborted; a child may have started in the failed
  // one's slot before the abort arrived (Step Functions too "may keep running some children"), the rest never ran.
  assert.ok(
    mapRun.executionCounts.aborted >= 3 && mapRun.executionCounts.aborted <= 4,
    `aborted ${mapRun.executionCounts.aborted}`,
  );
  assert.equal(mapRun.executionCounts.aborted + mapRun.executionCounts.pending, 11);
});

test('an Express child past its time limit ends TIMED_OUT and counts as a failure', async () => {
  const { executionArn, mapRunArn } = await start(slowMap('EXPRESS', { ToleratedFailureCount: 1 }), {
    items: [0, 1],
    seconds: 0,
  });
  await engine.sfn.waitForExecution({ executionArn });
  // Both finish quickly; now one that sleeps past the (lowered) 3 s Express limit.
  const slow = await start(
    slowMap('EXPRESS', { ToleratedFailureCount: 0, ItemSelector: { 'seconds.$': '$$.Map.Item.Value' } }),
    { items: [0, 10] },
  );
  const described = await engine.sfn.waitForExecution({ executionArn: slow.executionArn });
  assert.equal(described.status, 'FAILED');
  assert.equal(described.error, 'States.ExceedToleratedFailureThreshold');
  const mapRun = await engine.sfn.describeMapRun({ mapRunArn: slow.mapRunArn });
  assert.equal(mapRun.executionCounts.timedOut, 1);
  assert.equal(mapRun.executionCounts.succeeded, 1);
  assert.equal((await engine.sfn.describeMapRun({ mapRunArn })).status, 'SUCCEEDED');
});
