/**
 * #13 point 2, "then the rest as slots free up": a partition hands back the slots of its ended children, so a
 * partition waiting for a slot starts before the running one's slowest child has ended, and MaxConcurrency stays a
 * bound on the children running at once, also when it is not a multiple of a partition's 250.
 *
 * The handler runs in this process: the items the test names hold until it opens their gate; the others end at once.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { pollUntil } from '../helpers/poll';

const work = {
  held: new Set<number>(),
  failing: false,
  called: new Set<number>(),
  running: 0,
  maxRunning: 0,
  gate: Promise.resolve(),
  open: () => {},
};

async function slotWork(index: number): Promise<number> {
  if (work.failing) throw Object.assign(new Error(`item ${index} fails on the first attempt`), { name: 'NotYet' });
  work.called.add(index);
  work.running++;
  work.maxRunning = Math.max(work.maxRunning, work.running);
  try {
    if (work.held.has(index)) await work.gate;
  } finally {
    work.running--;
  }
  return index;
}

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers: { slotWork } });
});
after(() => engine?.stop());
beforeEach(() => {
  Object.assign(work, { held: new Set(), failing: false, called: new Set(), running: 0, maxRunning: 0 });
  work.gate = new Promise<void>((resolve) => (work.open = resolve));
});

async function machine(maxConcurrency: number, tolerated = 0): Promise<string> {
  const definition = JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        MaxConcurrency: maxConcurrency,
        ToleratedFailureCount: tolerated,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Work',
          States: {
            Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:slotWork', End: true },
          },
        },
        ResultSelector: { 'count.$': 'States.ArrayLength($)' },
        End: true,
      },
    },
  });
  return (await engine.sfn.createStateMachine({ name: uniqueName('slots'), definition })).stateMachineArn;
}

const items = (count: number) => JSON.stringify(Array.from({ length: count }, (_, i) => i));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Waits until every one of `indexes` has been called while item 0 is still held; before #13 they waited for it. */
async function calledWhileHeld(indexes: number[]): Promise<void> {
  await pollUntil(
    async () => (indexes.every((i) => work.called.has(i)) ? true : undefined),
    `items ${indexes[0]} to ${indexes.at(-1)} called while item 0 is held`,
    20_000,
    100,
  );
}

test('a waiting partition starts on the slots the running one hands back, before its slowest child ends', async () => {
  work.held.add(0);
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn: await machine(250), input: items(260) });
  // Partition 0 (items 0 to 249) holds all 250 slots; item 0 holds on, the others end at once.
  await calledWhileHeld(range(250, 260));
  assert.equal(work.running, 1, 'only item 0 still runs');
  work.open();
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.equal(done.output, JSON.stringify({ count: 260 }));
  assert.ok(work.maxRunning <= 250, `MaxConcurrency 250, most running at once: ${work.maxRunning}`);
});

test('a redrive run inside its Map Run hands back slots too', async () => {
  work.failing = true;
  const stateMachineArn = await machine(250);
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: items(260) });
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  const before = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  const last = await engine.sfn.describeMapRun({ mapRunArn: before.mapRunArn });
  const toRerun = last.executionCounts.failed + last.executionCounts.aborted + last.executionCounts.pending;
  assert.ok(toRerun > 250, `children to re-run: ${toRerun} (${JSON.stringify(last.executionCounts)})`);

  work.failing = false;
  work.held.add(0);
  await engine.sfn.redriveExecution({ executionArn });
  await calledWhileHeld(range(250, 260));
  work.open();
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.ok(work.maxRunning <= 250, `MaxConcurrency 250, most running at once: ${work.maxRunning}`);
});

test('MaxConcurrency 300 over partitions of 250: never more than 300 children at once', async () => {
  work.held = new Set(range(0, 500));
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn: await machine(300), input: items(500) });
  const mapRunArn = await pollUntil(
    async () => (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]?.mapRunArn,
    'the Map Run',
  );
  // Every child holds: the count stops growing once the windows are full. Two equal looks 1 s apart, both full.
  let last = -1;
  const settled = await pollUntil(
    async () => {
      const { running } = (await engine.sfn.describeMapRun({ mapRunArn })).executionCounts;
      const stable = running === last && running === work.running && running >= 300;
      last = running;
      return stable ? running : undefined;
    },
    'the running count to settle',
    30_000,
    1000,
  );
  work.open();
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(settled, 300, `children running at once (most seen by the handler: ${work.maxRunning})`);
  assert.equal(work.maxRunning, 300, 'MaxConcurrency 300 is honoured');
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
});
