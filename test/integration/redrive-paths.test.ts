/**
 * #13 point 5: redrive paths no other test walks. A Map state that fails with States.Runtime from its own paths, or
 * with States.DataLimitExceeded, is redriven as a new Map Run (behaviour 18); a parent that times out during a Map
 * Run drains it and is redriven; stopped Standard children resume at their own state; an Express child that timed
 * out runs again from its first state under the same ARN; a redrive issued while a Map Run with a ResultWriter winds
 * down writes every success once.
 *
 * The handlers run in this process: `work` counts its calls per key and, while `switchFile` does not exist, sleeps
 * `seconds` (cancellably) and returns no `ready` field; once it exists it returns at once with `ready: true`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { HandlerContext } from '../../activities/handler-registry';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';

const calls = new Map<string, number>();
const called = (key: string) => calls.get(key) ?? 0;
let running = 0;

async function work(
  event: { key: string; switchFile: string; seconds?: number; bytes?: number },
  context: HandlerContext,
) {
  calls.set(event.key, called(event.key) + 1);
  const on = fs.existsSync(event.switchFile);
  if (!on && event.seconds) {
    running++;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, event.seconds! * 1000);
        context.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('cancelled'));
        });
      });
    } finally {
      running--;
    }
  }
  return on ? { key: event.key, ready: true } : { key: event.key, padding: 'x'.repeat(event.bytes ?? 0) };
}

const storageDir = tempDir('redrive-paths-storage');
let engine: TestEngine;
before(async () => {
  fs.mkdirSync(path.join(storageDir, 'results'), { recursive: true });
  engine = await startTestEngine({ handlers: { ...handlers, work }, storageDir, expressTimeLimitMs: 3000 });
});
after(() => engine?.stop());

const WORK = 'arn:aws:lambda:us-east-1:000000000000:function:work';

/** A Distributed Map whose children run `work` once per state named, each with the item's fields. */
function workMap(states: string[], type: 'STANDARD' | 'EXPRESS', map: Record<string, unknown>, top = {}) {
  const States = Object.fromEntries(
    states.map((name, i) => [
      name,
      {
        Type: 'Task',
        Resource: WORK,
        Parameters: {
          'key.$': `States.Format('${name}-{}', $.id)`,
          'switchFile.$': '$.switchFile',
          // Only a state named Sleep sleeps.
          ...(name === 'Sleep' ? { 'seconds.$': '$.seconds' } : {}),
          'bytes.$': '$.bytes',
        },
        ...(states[i + 1] ? { ResultPath: null, Next: states[i + 1] } : { End: true }),
      },
    ]),
  );
  return JSON.stringify({
    ...top,
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        ItemSelector: {
          'id.$': '$$.Map.Item.Value.id',
          'seconds.$': '$$.Map.Item.Value.seconds',
          'bytes.$': '$$.Map.Item.Value.bytes',
          'switchFile.$': '$.switchFile',
        },
        ItemsPath: '$.items',
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type }, StartAt: states[0], States },
        End: true,
        ...map,
      },
    },
  });
}

async function startWork(definition: string, items: Array<{ id: number; seconds?: number; bytes?: number }>) {
  const switchFile = path.join(tempDir('redrive-paths'), 'switch');
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('paths'), definition });
  const input = { switchFile, items: items.map((item) => ({ seconds: 0, bytes: 0, ...item })) };
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  return { executionArn, fix: () => fs.writeFileSync(switchFile, 'on') };
}

const mapRunsOf = async (executionArn: string) =>
  (await engine.sfn.listMapRuns({ executionArn })).mapRuns.map((m) => m.mapRunArn);

test('a Map state failing with States.Runtime from its own ResultSelector is redriven as a new Map Run that runs every item (behaviour 18)', async () => {
  const definition = workMap(['Check'], 'STANDARD', { ResultSelector: { 'ready.$': '$[0].ready' } });
  const { executionArn, fix } = await startWork(definition, [{ id: 100 }, { id: 101 }]);
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.deepEqual([failed.status, failed.error], ['FAILED', 'States.Runtime']);
  const [first] = await mapRunsOf(executionArn);
  fix();
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.deepEqual(JSON.parse(done.output!), { ready: true });
  const mapRuns = await mapRunsOf(executionArn);
  assert.equal(mapRuns.length, 2, 'ListMapRuns lists both');
  assert.ok(mapRuns.includes(first!) && mapRuns.some((arn) => arn !== first), 'a new Map Run ARN');
  assert.deepEqual([called('Check-100'), called('Check-101')], [2, 2], 'every child ran again');
});

test('a Map state failing with States.DataLimitExceeded (its result over 256 KiB) is redriven as a new Map Run', async () => {
  const definition = workMap(['Pad'], 'EXPRESS', {});
  const items = [200, 201, 202].map((id) => ({ id, bytes: 100_000 }));
  const { executionArn, fix } = await startWork(definition, items);
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.deepEqual([failed.status, failed.error], ['FAILED', 'States.DataLimitExceeded']);
  fix();
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.equal((await mapRunsOf(executionArn)).length, 2);
  assert.deepEqual(
    items.map(({ id }) => called(`Pad-${id}`)),
    [2, 2, 2],
  );
});

test('a parent that times out during its Map Run drains it, and its redrive re-runs only the aborted child', async () => {
  const definition = workMap(['Sleep'], 'STANDARD', {}, { TimeoutSeconds: 3 });
  const { executionArn, fix } = await startWork(definition, [{ id: 300, seconds: 30 }, { id: 301 }]);
  const timedOut = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(timedOut.status, 'TIMED_OUT');
  const [mapRunArn] = await mapRunsOf(executionArn);
  const drained = await pollUntil(async () => {
    const mapRun = await engine.sfn.describeMapRun({ mapRunArn: mapRunArn! });
    return mapRun.status === 'RUNNING' ? undefined : mapRun;
  }, 'the Map Run to drain');
  assert.deepEqual([drained.executionCounts.aborted, drained.executionCounts.succeeded], [1, 1]);
  fix();
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.deepEqual(await mapRunsOf(executionArn), [mapRunArn], 'the same Map Run, redriven');
  assert.deepEqual([called('Sleep-300'), called('Sleep-301')], [2, 1]);
});

test('Standard children aborted by a stop resume at their own state when the parent is redriven', async () => {
  const definition = workMap(['Prepare', 'Sleep'], 'STANDARD', { MaxConcurrency: 2 });
  const { executionArn, fix } = await startWork(definition, [
    { id: 400, seconds: 30 },
    { id: 401, seconds: 30 },
  ]);
  await pollUntil(async () => (called('Sleep-400') + called('Sleep-401') === 2 ? true : undefined), 'both Sleeps');
  await engine.sfn.stopExecution({ executionArn });
  const [mapRunArn] = await mapRunsOf(executionArn);
  await pollUntil(async () => {
    const mapRun = await engine.sfn.describeMapRun({ mapRunArn: mapRunArn! });
    return mapRun.status === 'ABORTED' ? true : undefined;
  }, 'the Map Run to be aborted');
  fix();
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.deepEqual(
    [called('Prepare-400'), called('Prepare-401'), called('Sleep-400'), called('Sleep-401')],
    [1, 1, 2, 2],
    'Prepare, before the state where they were stopped, never runs again',
  );
  const children = (await engine.sfn.listExecutions({ mapRunArn: mapRunArn! })).executions;
  assert.equal(children.length, 2);
  for (const child of children) {
    const { events } = await engine.sfn.getExecutionHistory({ executionArn: child.executionArn, maxResults: 1000 });
    const types = events.map((e) => e.type);
    const aborted = types.indexOf('ExecutionAborted');
    assert.deepEqual(types.slice(aborted, aborted + 3), ['ExecutionAborted', 'ExecutionRedriven', 'TaskStateEntered']);
    assert.equal(events[aborted + 2]!.stateEnteredEventDetails?.name, 'Sleep');
    assert.equal(types.filter((t) => t === 'ExecutionStarted').length, 1);
    assert.equal((await engine.sfn.describeExecution({ executionArn: child.executionArn })).redriveCount, 1);
  }
});

/** Every record of the Map Run's result files the manifest lists, by status. */
function resultRecords(mapRunArn: string, prefix: string) {
  const mapRunId = mapRunArn.split(':').at(-1)!;
  const read = (key: string) => fs.readFileSync(path.join(storageDir, 'results', key), 'utf8');
  const manifest = JSON.parse(read(`${prefix}/${mapRunId}/manifest.json`)) as {
    ResultFiles: Record<string, Array<{ Key: string }>>;
  };
  return Object.fromEntries(
    Object.entries(manifest.ResultFiles).map(([status, files]) => [
      status,
      files.flatMap(
        (file) => JSON.parse(read(file.Key)) as Array<{ ExecutionArn: string; Input: string; Status: string }>,
      ),
    ]),
  );
}

const idOf = (record: { Input: string }) => (JSON.parse(record.Input) as { id: number }).id;

test('an Express child that timed out runs again from its first state, under the same ARN', async () => {
  const prefix = uniqueName('express-timeout');
  const definition = workMap(['First', 'Sleep'], 'EXPRESS', {
    ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: prefix } },
  });
  // Item 501 sleeps past the (lowered) 3 s Express limit while the switch is off.
  const { executionArn, fix } = await startWork(definition, [{ id: 500 }, { id: 501, seconds: 10 }]);
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  const [mapRunArn] = await mapRunsOf(executionArn);
  const before = resultRecords(mapRunArn!, prefix);
  const timedOut = before.FAILED!.find((r) => idOf(r) === 501);
  assert.equal(timedOut?.Status, 'TIMED_OUT');
  fix();
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  const redriven = resultRecords(mapRunArn!, prefix).SUCCEEDED!.find((r) => idOf(r) === 501);
  assert.equal(redriven?.ExecutionArn, timedOut!.ExecutionArn, 'the same child execution ARN');
  assert.deepEqual([called('First-501'), called('First-500')], [2, 1], 'it ran again from its first state');
});

test('a redrive issued while a Map Run with a ResultWriter winds down writes every success once', async () => {
  const prefix = uniqueName('wind-down');
  const definition = workMap(['Sleep'], 'STANDARD', {
    MaxConcurrency: 2,
    ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: prefix } },
  });
  const items = [600, 601, 602, 603].map((id) => ({ id, seconds: 30 }));
  const { executionArn, fix } = await startWork(definition, items);
  await pollUntil(async () => (running === 2 ? true : undefined), 'two children running');
  await engine.sfn.stopExecution({ executionArn });
  // Issued at once, while the Map Run is still aborting its children and writing their records.
  fix();
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  const [mapRunArn, ...others] = await mapRunsOf(executionArn);
  assert.equal(others.length, 0, 'the same Map Run, redriven');
  const records = resultRecords(mapRunArn!, prefix);
  assert.deepEqual(records.SUCCEEDED!.map(idOf).sort(), [600, 601, 602, 603], 'each success once');
  assert.deepEqual([records.FAILED!.length, records.PENDING!.length], [0, 0]);
});
