/**
 * #13 points 2 and 3: a redrive runs up to MaxConcurrency children at once however thinly its failures are spread
 * over partitions, and every DescribeMapRun during it accounts for every item (earlier successes stay succeeded,
 * children waiting for a slot are pendingRedrive in every partition, ListExecutions PENDING_REDRIVE lists exactly
 * those), also after a redrive that ends before it restarted every partition.
 *
 * The handler runs in this process: while `broken` the chosen items fail; once fixed, each call holds until the
 * test opens the gate, so the test sees a redrive with its children running and waiting, as long as it likes.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { DescribeMapRunOutput } from '../../client';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { pollUntil } from '../helpers/poll';

const work = {
  failing: new Set<number>(),
  broken: true,
  calls: new Map<number, number>(),
  running: 0,
  maxRunning: 0,
  gate: Promise.resolve(),
  open: () => {},
};

function closeGate(): void {
  work.gate = new Promise<void>((resolve) => (work.open = resolve));
}

async function spreadWork(index: number): Promise<number> {
  work.calls.set(index, (work.calls.get(index) ?? 0) + 1);
  if (work.broken && work.failing.has(index)) {
    const error = new Error(`item ${index} cannot be processed yet`);
    error.name = 'NotYetFixed';
    throw error;
  }
  work.running++;
  work.maxRunning = Math.max(work.maxRunning, work.running);
  try {
    await work.gate;
  } finally {
    work.running--;
  }
  return index;
}

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers: { spreadWork } });
});
after(() => engine?.stop());
beforeEach(() => {
  Object.assign(work, { failing: new Set(), broken: true, calls: new Map(), running: 0, maxRunning: 0 });
  work.gate = Promise.resolve();
});

function spreadMachine(type: 'STANDARD' | 'EXPRESS', maxConcurrency: number, toleratedFailureCount: number): string {
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        MaxConcurrency: maxConcurrency,
        ToleratedFailureCount: toleratedFailureCount,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type },
          StartAt: 'Work',
          States: {
            Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:spreadWork', End: true },
          },
        },
        ResultSelector: { 'count.$': 'States.ArrayLength($)' },
        End: true,
      },
    },
  });
}

/** Runs the first attempt to its failure and returns the execution and its Map Run; the gate is closed after. */
async function failFirst(type: 'STANDARD' | 'EXPRESS', items: number, maxConcurrency: number, tolerated: number) {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('spread'),
    definition: spreadMachine(type, maxConcurrency, tolerated),
  });
  const input = JSON.stringify(Array.from({ length: items }, (_, i) => i));
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input });
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.status, 'FAILED', `${failed.error}: ${failed.cause}`);
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  const { mapRunArn } = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  work.broken = false;
  work.calls.clear();
  work.maxRunning = 0;
  closeGate();
  return { executionArn, mapRunArn };
}

/** Every child in exactly one of the exclusive counts (pendingRedrive is part of pending). */
function assertWhole(counts: DescribeMapRunOutput['itemCounts'], total: number, what: string): void {
  const { pending, running, succeeded, failed, timedOut, aborted } = counts;
  assert.equal(counts.total, total, `${what}: ${JSON.stringify(counts)}`);
  assert.equal(
    pending + running + succeeded + failed + timedOut + aborted,
    total,
    `${what}: ${JSON.stringify(counts)}`,
  );
  assert.ok(counts.pendingRedrive <= pending, `${what}: ${JSON.stringify(counts)}`);
}

test('200 failures spread over 5,000 Express items, MaxConcurrency 100: the redrive runs 100 at once, counts whole', async () => {
  for (let i = 24; i < 5000; i += 25) work.failing.add(i);
  const { executionArn, mapRunArn } = await failFirst('EXPRESS', 5000, 100, 199);
  const first = await engine.sfn.describeMapRun({ mapRunArn });
  assert.deepEqual([first.itemCounts.succeeded, first.itemCounts.failed], [4800, 200]);

  await engine.sfn.redriveExecution({ executionArn });
  const samples: DescribeMapRunOutput[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push(await engine.sfn.describeMapRun({ mapRunArn }));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  // Before #13 a redrive ran ceil(100 / 250) = 1 partition at a time: 10 of its 200 children at once.
  const held = await pollUntil(
    async () => (work.running >= 100 ? work.running : undefined),
    '100 redriven children running at once',
    30_000,
    50,
  ).catch((error: Error) => error);
  const whileHeld = await engine.sfn.describeMapRun({ mapRunArn });
  // The gate holds the redrive open until the sampler has seen it: how many samples fit otherwise depends on the
  // machine (a DescribeMapRun of the closed first run replays its history, over a second on a loaded machine).
  const sampledWhileHeld = await pollUntil(
    async () => (samples.length >= 3 ? samples.length : undefined),
    '3 DescribeMapRun samples while the redrive is held',
    30_000,
    50,
  ).catch((error: Error) => error);
  work.open();
  const done = await engine.sfn.waitForExecution({ executionArn });
  sampling = false;
  await sampler;

  assert.equal(held, 100, `children running at once during the redrive (most seen: ${work.maxRunning})`);
  assert.equal(work.maxRunning, 100, 'MaxConcurrency 100 is honoured');
  assert.deepEqual(
    {
      running: whileHeld.executionCounts.running,
      pendingRedrive: whileHeld.executionCounts.pendingRedrive,
      succeeded: whileHeld.executionCounts.succeeded,
    },
    { running: 100, pendingRedrive: 100, succeeded: 4800 },
  );
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.ok(typeof sampledWhileHeld === 'number', `samples taken while held: ${samples.length}`);
  samples.forEach((sample, n) => {
    assertWhole(sample.itemCounts, 5000, `sample ${n}`);
    assert.ok(sample.itemCounts.succeeded >= 4800, `sample ${n}: ${JSON.stringify(sample.itemCounts)}`);
  });
  const after = await engine.sfn.describeMapRun({ mapRunArn });
  assert.deepEqual([after.itemCounts.succeeded, after.itemCounts.pendingRedrive], [5000, 0]);
  assert.deepEqual(
    [...work.calls.keys()].sort((a, b) => a - b),
    [...work.failing],
    'only the failed items ran again',
  );
});

test('Standard children waiting for a slot are pendingRedrive in every partition, and ListExecutions lists them', async () => {
  // 260 items: partition 0 holds 250 with 10 failures, partition 1 holds 10 with 1. MaxConcurrency 6 runs 6 of
  // partition 0's failures; 4 more wait there and 1 in partition 1, which has not started.
  for (let i = 24; i < 250; i += 25) work.failing.add(i);
  work.failing.add(259);
  const { executionArn, mapRunArn } = await failFirst('STANDARD', 260, 6, 10);
  await engine.sfn.redriveExecution({ executionArn });
  await pollUntil(async () => (work.running === 6 ? true : undefined), '6 redriven children running', 30_000, 50);

  const waiting = [174, 199, 224, 249, 259];
  const listed = await pollUntil(async () => {
    const { executions } = await engine.sfn.listExecutions({ mapRunArn, statusFilter: 'PENDING_REDRIVE' });
    return executions.length === waiting.length ? executions : undefined;
  }, `${waiting.length} children listed PENDING_REDRIVE`);
  const inputs = await Promise.all(
    listed.map(
      async ({ executionArn: child }) =>
        JSON.parse((await engine.sfn.describeExecution({ executionArn: child })).input!) as number,
    ),
  );
  const described = await engine.sfn.describeMapRun({ mapRunArn });
  work.open();
  const done = await engine.sfn.waitForExecution({ executionArn });

  assert.deepEqual(
    inputs.sort((a, b) => a - b),
    waiting,
  );
  assert.deepEqual(
    {
      running: described.executionCounts.running,
      pendingRedrive: described.executionCounts.pendingRedrive,
      succeeded: described.executionCounts.succeeded,
    },
    { running: 6, pendingRedrive: 5, succeeded: 249 },
  );
  assertWhole(described.executionCounts, 260, 'while 6 run');
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
});

test('a redrive stopped before it restarted a partition keeps that partition as it was, and the next redrive re-runs only its failure', async () => {
  // Partition 0: items 0-9 fail; partition 1: item 250 succeeds, 251 fails (the 11th failure ends the attempt).
  // MaxConcurrency 10: the redrive's 10 children of partition 0 use every slot, so partition 1 waits.
  for (let i = 0; i < 10; i++) work.failing.add(i);
  work.failing.add(251);
  const { executionArn, mapRunArn } = await failFirst('EXPRESS', 252, 10, 10);
  await engine.sfn.redriveExecution({ executionArn });
  await pollUntil(async () => (work.running === 10 ? true : undefined), '10 redriven children running', 30_000, 50);
  const held = await engine.sfn.describeMapRun({ mapRunArn });
  await engine.sfn.stopExecution({ executionArn });
  // Express children are awaited, not cancelled (sfn-spec §2.7): they end once let go.
  work.open();
  const stopped = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(stopped.status, 'ABORTED');
  // The Map Run winds down after its parent has closed: its awaited children end, then it takes its final counts.
  const afterStop = await pollUntil(async () => {
    const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
    return mapRun.status === 'RUNNING' ? undefined : mapRun;
  }, 'the Map Run to end');

  assert.deepEqual(
    [held.itemCounts.succeeded, held.itemCounts.running, held.itemCounts.pendingRedrive],
    [241, 10, 1],
    `during the redrive: ${JSON.stringify(held.itemCounts)}`,
  );
  assert.equal(afterStop.status, 'ABORTED');
  assert.deepEqual(
    [afterStop.itemCounts.succeeded, afterStop.itemCounts.failed, afterStop.itemCounts.pending],
    [251, 1, 0],
    `after the stop: ${JSON.stringify(afterStop.itemCounts)}`,
  );

  work.calls.clear();
  work.gate = Promise.resolve();
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.deepEqual([...work.calls.keys()], [251], 'item 250, which had succeeded, does not run again');
});
