/**
 * #13's Express speed: a redrive of few Express children runs them inside the Map Run (local-partitions.ts), with
 * the redrive state its failure carried, instead of starting a partition workflow again for each partition with a
 * failure and querying the closed Map Run. What a user sees must not change: only the failures run again, the Map
 * state's output and the ResultWriter files hold every item once, DescribeMapRun counts stay whole while it runs,
 * and a stop in the middle awaits the Express children, loses nothing, and a later redrive finishes the job.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';

const ITEMS = 1000;
/** One failure in each of the four partitions of 250 items, and a few more. */
const FAILING = [3, 249, 250, 499, 600, 777, 998, 999];

const work = {
  broken: true,
  calls: new Map<number, number>(),
  running: 0,
  gate: Promise.resolve(),
  open: () => {},
};

async function insideWork(index: number): Promise<number> {
  work.calls.set(index, (work.calls.get(index) ?? 0) + 1);
  if (work.broken && FAILING.includes(index)) {
    const error = new Error(`item ${index} cannot be processed yet`);
    error.name = 'NotYetFixed';
    throw error;
  }
  work.running++;
  try {
    await work.gate;
  } finally {
    work.running--;
  }
  return index * 10;
}

const storageDir = tempDir('redrive-inside-storage');
let engine: TestEngine;
before(async () => {
  fs.mkdirSync(path.join(storageDir, 'results'), { recursive: true });
  engine = await startTestEngine({ handlers: { insideWork }, storageDir });
});
after(() => engine?.stop());
beforeEach(() => {
  Object.assign(work, { broken: true, calls: new Map(), running: 0 });
  work.gate = Promise.resolve();
});

function machine(resultWriterPrefix?: string): string {
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ToleratedFailureCount: FAILING.length - 1,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Work',
          States: {
            Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:insideWork', End: true },
          },
        },
        ...(resultWriterPrefix
          ? {
              ResultWriter: {
                Resource: 'arn:aws:states:::s3:putObject',
                Parameters: { Bucket: 'results', Prefix: resultWriterPrefix },
              },
            }
          : {}),
        End: true,
      },
    },
  });
}

/** Runs the first attempt to its failure; the cause is then fixed and the handlers hold until the gate opens. */
async function failFirst(resultWriterPrefix?: string) {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('inside'),
    definition: machine(resultWriterPrefix),
  });
  const input = JSON.stringify(Array.from({ length: ITEMS }, (_, i) => i));
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input });
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold', `${failed.error}: ${failed.cause}`);
  const { mapRunArn } = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  work.broken = false;
  work.calls.clear();
  work.gate = new Promise<void>((resolve) => (work.open = resolve));
  return { executionArn, mapRunArn };
}

/** The latest run of each of the Map Run's four partition workflows. */
async function partitionRuns(mapRunArn: string): Promise<string[]> {
  return Promise.all(
    [0, 1, 2, 3].map(async (k) => (await engine.client.workflow.getHandle(`${mapRunArn}/p${k}`).describe()).runId),
  );
}

/** The activity types the execution's own workflow scheduled, in order. */
async function activitiesOf(executionArn: string): Promise<string[]> {
  const { events } = await engine.client.workflow.getHandle(executionArn).fetchHistory();
  return (events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
}

test('a redrive of 8 Express failures over 1,000 items runs just them, inside the Map Run, counts whole', async () => {
  const { executionArn, mapRunArn } = await failFirst();
  const runsBefore = await partitionRuns(mapRunArn);

  await engine.sfn.redriveExecution({ executionArn });
  await pollUntil(async () => (work.running === FAILING.length ? true : undefined), 'the 8 failures running again');
  const during = await engine.sfn.describeMapRun({ mapRunArn });
  work.open();
  const done = await engine.sfn.waitForExecution({ executionArn });

  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.deepEqual(
    [...work.calls.keys()].sort((a, b) => a - b),
    FAILING,
    'only the failed items ran again',
  );
  assert.deepEqual(
    JSON.parse(done.output!),
    Array.from({ length: ITEMS }, (_, i) => i * 10),
    'the output holds every item, in order',
  );
  assert.deepEqual(
    {
      running: during.itemCounts.running,
      succeeded: during.itemCounts.succeeded,
      total: during.itemCounts.total,
      stale: during.staleCounts,
    },
    { running: 8, succeeded: 992, total: 1000, stale: undefined },
    'DescribeMapRun during the redrive',
  );
  // Before: each partition with a failure ran again as a new run of its workflow, and the execution read the
  // Map Run's redrive state with an activity that queried the closed Map Run.
  assert.deepEqual(await partitionRuns(mapRunArn), runsBefore, 'no partition workflow ran again');
  assert.ok(
    !(await activitiesOf(executionArn)).includes('loadMapRunRedriveState'),
    'the redrive state came with the Map Run failure',
  );
  const after = await engine.sfn.describeMapRun({ mapRunArn });
  assert.deepEqual([after.status, after.itemCounts.succeeded, after.redriveCount], ['SUCCEEDED', 1000, 1]);
});

test('stopped in the middle, such a redrive awaits its Express children and writes them; the next one finishes', async () => {
  const prefix = uniqueName('inside');
  const { executionArn, mapRunArn } = await failFirst(prefix);
  await engine.sfn.redriveExecution({ executionArn });
  await pollUntil(async () => (work.running === FAILING.length ? true : undefined), 'the 8 failures running again');
  await engine.sfn.stopExecution({ executionArn });
  work.open();
  const aborted = await pollUntil(async () => {
    const described = await engine.sfn.describeMapRun({ mapRunArn });
    return described.status === 'RUNNING' ? undefined : described;
  }, 'the Map Run to end');
  assert.equal(aborted.status, 'ABORTED');
  // Express children are never stopped (sfn-spec §2.7): the 8 finished, and count as succeeded.
  assert.deepEqual([aborted.itemCounts.succeeded, aborted.itemCounts.total], [1000, 1000]);

  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.deepEqual(
    [...work.calls.values()].reduce((sum, n) => sum + n, 0),
    FAILING.length,
    'each failure ran once more, and nothing else ran',
  );
  const mapRunId = mapRunArn.split(':').at(-1)!;
  const read = (key: string) => fs.readFileSync(path.join(storageDir, 'results', key), 'utf8');
  const manifest = JSON.parse(read(`${prefix}/${mapRunId}/manifest.json`)) as {
    ResultFiles: Record<string, Array<{ Key: string }>>;
  };
  const succeeded = (manifest.ResultFiles.SUCCEEDED ?? []).flatMap(
    (file) => JSON.parse(read(file.Key)) as Array<{ Input: string }>,
  );
  assert.deepEqual(
    succeeded.map((record) => Number(record.Input)).sort((a, b) => a - b),
    Array.from({ length: ITEMS }, (_, i) => i),
    'every item succeeded once in the result files',
  );
  assert.deepEqual([manifest.ResultFiles.FAILED?.length ?? 0, manifest.ResultFiles.PENDING?.length ?? 0], [0, 0]);
});
