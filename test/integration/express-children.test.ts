/**
 * #14 point 1: a Map Run's Express children are examinable like Step Functions': DescribeExecution answers for each
 * (status, input, output, error, cause, dates, mapRunArn, the labelled state machine), ListExecutions(mapRunArn)
 * lists them with the status filters, and a child re-run by a redrive keeps its ARN and shows its latest run.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { expressChildrenListed } from '../helpers/express-children';
import { pollUntil } from '../helpers/poll';

const work = {
  failing: new Set<number>(),
  broken: true,
  running: 0,
  gate: Promise.resolve(),
  open: () => {},
};

async function examinedWork(input: { id: number }): Promise<{ id: number; done: true }> {
  if (work.broken && work.failing.has(input.id)) {
    const error = new Error(`item ${input.id} is not ready`);
    error.name = 'NotReady';
    throw error;
  }
  work.running++;
  try {
    await work.gate;
  } finally {
    work.running--;
  }
  return { id: input.id, done: true };
}

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers: { examinedWork } });
});
after(() => engine?.stop());

/** One child at a time, so the test knows which ran; the first failure past `tolerated` fails the Map Run. */
function machine(tolerated: number): string {
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        Label: 'Examine',
        MaxConcurrency: 1,
        ToleratedFailureCount: tolerated,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Work',
          States: {
            Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:examinedWork', End: true },
          },
        },
        End: true,
      },
    },
  });
}

async function childrenOf(mapRunArn: string, statusFilter?: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'PENDING_REDRIVE') {
  const { executions } = await engine.sfn.listExecutions({ mapRunArn, ...(statusFilter ? { statusFilter } : {}) });
  return executions;
}

test('Express children of a Map Run: described, listed by status, and a re-run child shows its latest run', async () => {
  Object.assign(work, { failing: new Set([3]), broken: true, gate: Promise.resolve() });
  const name = uniqueName('examined');
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name, definition: machine(0) });
  const input = JSON.stringify(Array.from({ length: 10 }, (_, id) => ({ id })));
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input });
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.status, 'FAILED');
  const { mapRunArn } = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!;

  // ToleratedFailureCount 0: item 3's failure ends the Map Run, so some later items never started. Every child that
  // ran is listed, once its record is written.
  const { executionCounts } = await engine.sfn.describeMapRun({ mapRunArn });
  const ran = executionCounts.succeeded + executionCounts.failed;
  assert.ok(ran >= 4 && ran <= 10, `children that ran: ${ran}`);
  const all = await expressChildrenListed(engine.sfn, mapRunArn, ran);
  const failedChildren = await childrenOf(mapRunArn, 'FAILED');
  const succeededChildren = await childrenOf(mapRunArn, 'SUCCEEDED');
  assert.equal(failedChildren.length, 1, JSON.stringify(failedChildren));
  assert.equal(succeededChildren.length, ran - 1);
  const labelled = `${stateMachineArn}/Examine`;
  for (const child of all) {
    assert.match(child.executionArn, new RegExp(`^arn:aws:states:us-east-1:000000000000:express:${name}/Examine:`));
    assert.deepEqual([child.stateMachineArn, child.mapRunArn], [labelled, mapRunArn]);
  }

  const failedChild = await engine.sfn.describeExecution({ executionArn: failedChildren[0]!.executionArn });
  assert.deepEqual(
    {
      status: failedChild.status,
      input: JSON.parse(failedChild.input),
      error: failedChild.error,
      cause: failedChild.cause,
      mapRunArn: failedChild.mapRunArn,
      stateMachineArn: failedChild.stateMachineArn,
      output: failedChild.output,
    },
    {
      status: 'FAILED',
      input: { id: 3 },
      error: 'NotReady',
      cause: failedChild.cause,
      mapRunArn,
      stateMachineArn: labelled,
      output: undefined,
    },
  );
  assert.match(failedChild.cause ?? '', /item 3 is not ready/);
  assert.ok(failedChild.stopDate! >= failedChild.startDate);

  const succeededChild = await engine.sfn.describeExecution({ executionArn: succeededChildren[0]!.executionArn });
  assert.equal(succeededChild.status, 'SUCCEEDED');
  const id = (JSON.parse(succeededChild.input) as { id: number }).id;
  assert.deepEqual(JSON.parse(succeededChild.output!), { id, done: true });

  // The cause is fixed; the redrive re-runs item 3 and starts the items never started, one at a time (they hold).
  work.broken = false;
  work.gate = new Promise<void>((resolve) => (work.open = resolve));
  const { redriveDate } = await engine.sfn.redriveExecution({ executionArn });
  await pollUntil(async () => (work.running === 1 ? true : undefined), 'a redriven child running');
  // A child is listed RUNNING once it has run for a second (activities/express/child-recorder.ts).
  const running = await pollUntil(async () => {
    const rows = await childrenOf(mapRunArn, 'RUNNING');
    return rows.length === 1 ? rows : undefined;
  }, 'one child listed RUNNING');
  const runningChild = await engine.sfn.describeExecution({ executionArn: running[0]!.executionArn });
  assert.equal(runningChild.status, 'RUNNING');
  assert.equal(runningChild.stopDate, undefined);
  work.open();
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);

  await expressChildrenListed(engine.sfn, mapRunArn, 10, 'SUCCEEDED');
  const rerun = await engine.sfn.describeExecution({ executionArn: failedChild.executionArn });
  assert.equal(rerun.executionArn, failedChild.executionArn, 'a re-run child keeps its ARN');
  assert.equal(rerun.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(rerun.output!), { id: 3, done: true });
  assert.ok(rerun.startDate >= redriveDate, 'it shows its latest run');
  assert.equal(rerun.error, undefined);

  const kept = await engine.sfn.describeExecution({ executionArn: succeededChild.executionArn });
  assert.deepEqual(kept.startDate, succeededChild.startDate, 'a child that had succeeded did not run again');
  assert.deepEqual(await childrenOf(mapRunArn, 'FAILED'), []);
});

test('PENDING_REDRIVE lists the failed Express children waiting for a slot, and an unknown child does not exist', async () => {
  Object.assign(work, { failing: new Set([3, 7]), broken: true, gate: Promise.resolve() });
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('pending'),
    definition: machine(1),
  });
  const input = JSON.stringify(Array.from({ length: 10 }, (_, id) => ({ id })));
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'FAILED');
  const { mapRunArn } = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  const failed = await expressChildrenListed(engine.sfn, mapRunArn, 2, 'FAILED');
  assert.deepEqual(await childrenOf(mapRunArn, 'PENDING_REDRIVE'), [], 'no redrive under way');

  // MaxConcurrency 1: one failed child runs again (and holds), the other waits for the slot.
  work.broken = false;
  work.gate = new Promise<void>((resolve) => (work.open = resolve));
  await engine.sfn.redriveExecution({ executionArn });
  await pollUntil(async () => (work.running === 1 ? true : undefined), 'a redriven child running');
  // A child is listed RUNNING once it has run for a second (activities/express/child-recorder.ts).
  const running = await pollUntil(async () => {
    const rows = await childrenOf(mapRunArn, 'RUNNING');
    return rows.length === 1 ? rows : undefined;
  }, 'one child listed RUNNING');
  const pending = await childrenOf(mapRunArn, 'PENDING_REDRIVE');
  work.open();
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'SUCCEEDED');
  assert.equal(pending.length, 1, JSON.stringify(pending));
  assert.equal(running.length, 1, JSON.stringify(running));
  assert.deepEqual(
    [pending[0]!.executionArn, running[0]!.executionArn].sort(),
    failed.map((child) => child.executionArn).sort(),
  );
  await expressChildrenListed(engine.sfn, mapRunArn, 10, 'SUCCEEDED');

  const unknown = mapRunArn.replace(':mapRun:', ':express:').replace(/:([^:]+)$/, ':no-such-child:$1');
  await assert.rejects(engine.sfn.describeExecution({ executionArn: unknown }), { name: 'ExecutionDoesNotExist' });
});
