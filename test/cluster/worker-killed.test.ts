// Two `tsf worker` processes share a 2,000-item Standard Map Run with a ResultWriter on the cluster; one is
// SIGKILLed in the middle. The Map Run succeeds with the survivor, and the result files hold each item in exactly one
// SUCCEEDED record. Only handlers that were running on the killed worker may run again (a Task's attempt lost with
// its worker is retried: at-least-once, as a Lambda invocation); an item that had finished never runs again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { StepFunctions } from '../../client';
import { callsOf, mapRunOf, succeededAtLeast, WORK_HANDLERS, workMap } from '../helpers/cluster';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { startWorkerProcess, type WorkerProcess } from '../helpers/processes';

const ITEMS = 2000;
const MAX_CONCURRENCY = 100;

let engine: TestEngine;
const workers: WorkerProcess[] = [];
before(async () => {
  engine = await startTestEngine({ worker: false });
});
after(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  await engine?.stop();
});

/** Each item's count of appearances in the SUCCEEDED records of the Map Run's manifest; nothing FAILED or PENDING. */
function recordedItems(storageDir: string, bucket: string, mapRunArn: string): number[] {
  const mapRunId = mapRunArn.split(':').at(-1)!;
  const read = (key: string) => JSON.parse(fs.readFileSync(path.join(storageDir, bucket, key), 'utf8'));
  const manifest = read(`out/${mapRunId}/manifest.json`);
  assert.deepEqual([manifest.ResultFiles.FAILED, manifest.ResultFiles.PENDING], [[], []]);
  const seen = new Array<number>(ITEMS).fill(0);
  for (const file of manifest.ResultFiles.SUCCEEDED as Array<{ Key: string }>) {
    for (const record of read(file.Key) as Array<{ Status: string; Input: string }>) {
      assert.equal(record.Status, 'SUCCEEDED');
      seen[(JSON.parse(record.Input) as { n: number }).n]! += 1;
    }
  }
  return seen;
}

test('2 workers, one SIGKILLed mid Map Run of 2,000 Standard children: it succeeds, each item in one record', async () => {
  const storageDir = tempDir('worker-killed-storage');
  const calls = tempDir('worker-killed-calls');
  const bucket = 'items';
  fs.mkdirSync(path.join(storageDir, bucket));
  const lines = Array.from({ length: ITEMS }, (_, n) => JSON.stringify({ n }));
  fs.writeFileSync(path.join(storageDir, bucket, 'items.jsonl'), `${lines.join('\n')}\n`);

  const taskQueue = uniqueName('worker-killed');
  const env = { TSF_STORAGE_DIR: storageDir };
  workers.push(await startWorkerProcess(taskQueue, [WORK_HANDLERS], env));
  workers.push(await startWorkerProcess(taskQueue, [WORK_HANDLERS], env));
  const [victim, survivor] = workers.map((w) => w.child.pid!);
  const sfn = new StepFunctions({
    client: engine.client,
    taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
  });
  const definition = workMap({
    maxConcurrency: MAX_CONCURRENCY,
    dir: calls,
    seconds: 0.5,
    itemReader: { bucket, key: 'items.jsonl' },
    resultWriter: { bucket, prefix: 'out' },
  });
  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('worker-killed'), definition });
  const started = Date.now();
  const { executionArn } = await sfn.startExecution({ stateMachineArn });
  const mapRunArn = await mapRunOf(sfn, executionArn);

  await succeededAtLeast(sfn, mapRunArn, ITEMS * 0.3);
  workers[0]!.child.kill('SIGKILL');
  await workers[0]!.exited;
  const killedAt = Date.now();
  // Read once the killed worker is gone: it holds every call that worker made.
  const atKill = callsOf(calls, ITEMS);
  const pidsAtKill = new Set(atKill.flat());
  assert.ok(pidsAtKill.has(victim!) && pidsAtKill.has(survivor!), 'both workers ran handlers before the kill');

  const done = await sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  const mapRun = await sfn.describeMapRun({ mapRunArn });
  assert.deepEqual([mapRun.itemCounts.succeeded, mapRun.itemCounts.failed, mapRun.itemCounts.total], [ITEMS, 0, ITEMS]);
  assert.equal(mapRun.executionCounts.succeeded, ITEMS, 'one child per item');

  const recorded = recordedItems(storageDir, bucket, mapRunArn);
  assert.deepEqual(
    recorded.flatMap((count, n) => (count === 1 ? [] : [{ n, count }])),
    [],
    'each item in exactly one SUCCEEDED record',
  );

  const after = callsOf(calls, ITEMS);
  assert.deepEqual(
    after.flatMap((pids, n) => (pids.length === 0 ? [n] : [])),
    [],
    'every item ran',
  );
  const again = after.flatMap((pids, n) => (pids.length > 1 ? [{ n, pids }] : []));
  assert.ok(again.length <= MAX_CONCURRENCY, `at most the handlers in flight ran again: ${again.length}`);
  for (const { n, pids } of again) {
    assert.deepEqual(pids, [victim, survivor], `item ${n} ran again only because the killed worker was running it`);
  }
  const afterKill = after.flatMap((pids, n) => pids.slice(atKill[n]!.length));
  assert.ok(
    afterKill.every((pid) => pid === survivor),
    'after the kill only the survivor ran handlers',
  );
  console.log(
    `# ${ITEMS} items in ${((Date.now() - started) / 1000).toFixed(1)} s (${((Date.now() - killedAt) / 1000).toFixed(1)} s ` +
      `after the kill); ${again.length} handlers ran again`,
  );
});
