/**
 * Durability of a Map Run: the worker SIGKILLed three times during a 5,000-item Map Run, and the dev server itself
 * stopped (SIGTERM) and started again on the same database; both times every item is processed and its result
 * record written exactly once.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { handlersFrom } from '../../activities/handler-registry';
import { createStorage } from '../../activities/storage';
import { StepFunctions } from '../../client';
import * as handlers from '../../examples/handlers';
import { findFreePort, startDevServer } from '../../scripts/dev-server';
import { createEngineWorker } from '../../worker/create-worker';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { pollUntil } from '../helpers/poll';
import { startWorkerProcess, type WorkerProcess } from '../helpers/processes';

const ITEMS = 5000;
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

function exportedMap(bucket: string) {
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSONL' },
          Parameters: { Bucket: bucket, Key: 'items.jsonl' },
        },
        ItemBatcher: { MaxItemsPerBatch: 10 },
        MaxConcurrency: 20,
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: bucket, Prefix: 'out' } },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Work',
          States: {
            Work: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:000000000000:function:slow',
              Parameters: { seconds: 0.05 },
              ResultPath: '$.worked',
              End: true,
            },
          },
        },
        End: true,
      },
    },
  });
}

/** A bucket in `storageDir` holding items.jsonl with ITEMS lines `{"n": i}`. */
function prepareBucket(storageDir: string, bucket: string): void {
  fs.mkdirSync(path.join(storageDir, bucket), { recursive: true });
  const lines = Array.from({ length: ITEMS }, (_, n) => JSON.stringify({ n })).join('\n');
  fs.writeFileSync(path.join(storageDir, bucket, 'items.jsonl'), `${lines}\n`);
}

/** Every item appears in exactly one SUCCEEDED record, and nothing failed or is pending. */
function assertEachItemOnce(storageDir: string, bucket: string, mapRunArn: string): void {
  const mapRunId = mapRunArn.split(':').at(-1)!;
  const manifest = JSON.parse(fs.readFileSync(path.join(storageDir, bucket, `out/${mapRunId}/manifest.json`), 'utf8'));
  assert.deepEqual(manifest.ResultFiles.FAILED, []);
  assert.deepEqual(manifest.ResultFiles.PENDING, []);
  const seen = new Map<number, number>();
  for (const file of manifest.ResultFiles.SUCCEEDED as Array<{ Key: string }>) {
    const records = JSON.parse(fs.readFileSync(path.join(storageDir, bucket, file.Key), 'utf8')) as Array<{
      Input: string;
    }>;
    for (const record of records) {
      for (const item of (JSON.parse(record.Input) as { Items: Array<{ n: number }> }).Items) {
        seen.set(item.n, (seen.get(item.n) ?? 0) + 1);
      }
    }
  }
  assert.equal(seen.size, ITEMS);
  const duplicated = [...seen].filter(([, count]) => count !== 1);
  assert.deepEqual(duplicated, [], 'items recorded more than once');
}

async function mapRunOf(sfn: StepFunctions, executionArn: string): Promise<string> {
  return pollUntil(async () => {
    const { mapRuns } = await sfn.listMapRuns({ executionArn });
    return mapRuns[0]?.mapRunArn;
  }, 'the Map Run');
}

test('SIGKILL of the worker three times during a 5,000-item Map Run: it succeeds, each item recorded once', async () => {
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-kill-'));
  prepareBucket(storageDir, 'kills');
  const engine: TestEngine = await startTestEngine({ worker: false });
  cleanups.push(() => engine.stop());
  const taskQueue = uniqueName('kills');
  const sfn = new StepFunctions({
    client: engine.client,
    taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
  });
  const env = { TSF_STORAGE_DIR: storageDir };
  let worker: WorkerProcess = await startWorkerProcess(taskQueue, ['examples/handlers.ts'], env);
  cleanups.push(async () => void worker.child.kill('SIGKILL'));

  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('kills'),
    definition: exportedMap('kills'),
  });
  const { executionArn } = await sfn.startExecution({ stateMachineArn });
  const mapRunArn = await mapRunOf(sfn, executionArn);
  for (const fraction of [0.1, 0.4, 0.7]) {
    await pollUntil(
      async () => {
        const { itemCounts } = await sfn.describeMapRun({ mapRunArn });
        return itemCounts.succeeded >= ITEMS * fraction ? true : undefined;
      },
      `${fraction * 100}% of the items`,
      300_000,
      250,
    );
    worker.child.kill('SIGKILL');
    await worker.exited;
    worker = await startWorkerProcess(taskQueue, ['examples/handlers.ts'], env);
  }
  const described = await sfn.waitForExecution({ executionArn });
  assert.equal(described.status, 'SUCCEEDED');
  const mapRun = await sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.itemCounts.succeeded, ITEMS);
  assert.equal(mapRun.itemCounts.total, ITEMS);
  assert.equal(mapRun.executionCounts.succeeded, ITEMS / 10);
  assertEachItemOnce(storageDir, 'kills', mapRunArn);
});

test('the dev server stopped (SIGTERM) mid Map Run and started again on the same database: exact counts', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-restart-server-'));
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-restart-'));
  prepareBucket(storageDir, 'restart');
  const port = await findFreePort();
  let server = await startDevServer({ port, uiPort: false, dataDir });
  cleanups.push(() => server.stop());
  const native = await NativeConnection.connect({ address: server.address });
  const taskQueue = uniqueName('restart');
  const worker = await createEngineWorker({
    connection: native,
    namespace: 'default',
    taskQueue,
    handlers: handlersFrom(handlers),
    storage: createStorage({ storageDir }),
  });
  const running = worker.run();
  cleanups.push(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
    await native.close();
  });
  const connection = await Connection.connect({ address: server.address });
  cleanups.push(() => connection.close());
  const sfn = new StepFunctions({
    client: new Client({ connection }),
    taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
  });

  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('restart'),
    definition: exportedMap('restart'),
  });
  const { executionArn } = await sfn.startExecution({ stateMachineArn });
  const mapRunArn = await mapRunOf(sfn, executionArn);
  await pollUntil(
    async () => {
      const { itemCounts } = await sfn.describeMapRun({ mapRunArn });
      return itemCounts.succeeded >= ITEMS * 0.3 ? true : undefined;
    },
    '30% of the items',
    300_000,
    250,
  );

  await server.stop();
  server = await startDevServer({ port, uiPort: false, dataDir });
  const described = await pollUntil(
    async () => {
      const d = await sfn.describeExecution({ executionArn }).catch(() => undefined);
      return d && d.status !== 'RUNNING' ? d : undefined;
    },
    'the execution to finish after the restart',
    600_000,
    1000,
  );
  assert.equal(described.status, 'SUCCEEDED');
  const mapRun = await sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.itemCounts.succeeded, ITEMS);
  assert.equal(mapRun.executionCounts.succeeded, ITEMS / 10);
  assertEachItemOnce(storageDir, 'restart', mapRunArn);
});
