/**
 * #13 point 5, the last path no test walked: a parent stopped while its Map Run is still reading its items, before
 * it started any child. The Map Run ends ABORTED with nothing counted, and a redrive starts a new Map Run that reads
 * the object as it is now (sfn-spec §3.6: a Map Run that never started a child is "started for the first time"),
 * runs every item once, and the execution succeeds.
 *
 * To stop the parent at that moment the worker's storage (real files) holds the read of one object until the test
 * lets it go; everything else is the real engine on the test run's dev server.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { createStorage, type ObjectStorage } from '../../activities/storage';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';

const BUCKET = 'held-items';
const storageDir = tempDir('redrive-stopped-before');
const held = { key: '', reading: false, release: () => {}, gate: Promise.resolve() };

/** The real local storage, except that a read of `held.key` waits for the gate. */
function holdingStorage(): ObjectStorage {
  const real = createStorage({ storageDir });
  const storage = Object.create(real) as ObjectStorage;
  storage.getObject = async (bucket, key, range): Promise<Readable> => {
    if (key === held.key) {
      held.reading = true;
      await held.gate;
    }
    return real.getObject(bucket, key, range);
  };
  return storage;
}

let engine: TestEngine;
before(async () => {
  fs.mkdirSync(path.join(storageDir, BUCKET), { recursive: true });
  engine = await startTestEngine({ handlers, storage: holdingStorage() });
});
after(() => {
  held.release();
  return engine?.stop();
});

test('a parent stopped before its Map Run started a child: the redrive starts a new Map Run that runs every item', async () => {
  const dir = tempDir('stopped-before');
  const counterDir = path.join(dir, 'calls');
  const switchFile = path.join(dir, 'on');
  fs.writeFileSync(switchFile, 'on');
  const key = `${uniqueName('items')}.json`;
  const writeItems = (ids: string[]) =>
    fs.writeFileSync(
      path.join(storageDir, BUCKET, key),
      JSON.stringify(ids.map((id) => ({ key: id, switchFile, counterDir }))),
    );
  writeItems(['a', 'b', 'c']);
  Object.assign(held, { key, reading: false });
  held.gate = new Promise<void>((resolve) => (held.release = resolve));

  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('stopped-before'),
    definition: JSON.stringify({
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'JSON' },
            Parameters: { Bucket: BUCKET, Key: key },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Gate',
            States: {
              Gate: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:gated', End: true },
            },
          },
          End: true,
        },
      },
    }),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: '{}' });
  await pollUntil(async () => (held.reading ? true : undefined), 'the Map Run to read its items');
  const [first] = (await engine.sfn.listMapRuns({ executionArn })).mapRuns;
  assert.ok(first, 'the Map Run has started');

  await engine.sfn.stopExecution({ executionArn });
  const stopped = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(stopped.status, 'ABORTED');
  const aborted = await pollUntil(async () => {
    const described = await engine.sfn.describeMapRun({ mapRunArn: first.mapRunArn });
    return described.status === 'RUNNING' ? undefined : described;
  }, 'the Map Run to end');
  assert.equal(aborted.status, 'ABORTED');
  assert.deepEqual([aborted.itemCounts.total, aborted.executionCounts.total], [0, 0], 'it counted nothing');
  assert.deepEqual((await engine.sfn.listExecutions({ mapRunArn: first.mapRunArn })).executions, []);

  // The object changes before the redrive; the read that was held ends, and nothing waits for it any more.
  writeItems(['a', 'b', 'c', 'd']);
  held.release();
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.equal(done.redriveCount, 1);
  assert.deepEqual(
    (JSON.parse(done.output!) as Array<{ key: string }>).map((r) => r.key),
    ['a', 'b', 'c', 'd'],
    'the items of the object as it is now',
  );
  const mapRuns = (await engine.sfn.listMapRuns({ executionArn })).mapRuns;
  assert.equal(mapRuns.length, 2, 'a new Map Run, not a redrive of the one that never started a child');
  const second = mapRuns.find((run) => run.mapRunArn !== first.mapRunArn)!;
  const described = await engine.sfn.describeMapRun({ mapRunArn: second.mapRunArn });
  assert.deepEqual([described.status, described.itemCounts.succeeded, described.redriveCount], ['SUCCEEDED', 4, 0]);
  assert.equal((await engine.sfn.describeMapRun({ mapRunArn: first.mapRunArn })).status, 'ABORTED');
  assert.deepEqual(
    ['a', 'b', 'c', 'd'].map((id) => callCount(counterDir, id)),
    [1, 1, 1, 1],
    'every item ran once',
  );
});
