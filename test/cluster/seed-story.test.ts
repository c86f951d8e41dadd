// The seed story of the demo (examples/map-run-redrive, scripts/demo/story.ts) on the cluster over mTLS: a
// Distributed Map over 100 orders in which 5 fail (their payment service is down) fails the execution with
// States.ExceedToleratedFailureThreshold; the cause is fixed; `tsf redrive-execution` re-runs only those 5, and the
// execution succeeds. The handlers count their own calls: Charge 95 times once and 5 times twice, Validate (before
// the failed state) once each.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';
import { runTsf } from '../helpers/processes';

const ORDERS = 100;
const BROKEN = [95, 96, 97, 98, 99];

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

test('100 orders, 5 failing until fixed: FAILED, redriven, SUCCEEDED; 95 charged once, 5 twice', async () => {
  const dir = tempDir('seed-story');
  const counterDir = path.join(dir, 'calls');
  const up = path.join(dir, 'payment-service-up');
  const down = path.join(dir, 'payment-service-eu');
  fs.writeFileSync(up, 'up');
  const orders = Array.from({ length: ORDERS }, (_, id) => ({
    id,
    counterDir,
    paymentService: BROKEN.includes(id) ? down : up,
  }));
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('orders'),
    definition: fs.readFileSync(path.resolve(__dirname, '../../examples/map-run-redrive/definition.json'), 'utf8'),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ orders }) });

  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.status, 'FAILED');
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  assert.equal(failed.redriveStatus, 'REDRIVABLE');
  const mapRunArn = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  const before = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(before.status, 'FAILED');
  assert.deepEqual([before.itemCounts.succeeded, before.itemCounts.failed], [95, 5]);

  fs.writeFileSync(down, 'up');
  const redriven = await runTsf(['redrive-execution', '--execution-arn', executionArn], {
    TSF_TASK_QUEUE: engine.taskQueue,
  });
  assert.equal(redriven.code, 0, redriven.stderr);
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.equal(done.redriveCount, 1);
  assert.equal(JSON.parse(done.output!).length, ORDERS);

  const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.status, 'SUCCEEDED');
  assert.equal(mapRun.redriveCount, 1);
  assert.deepEqual([mapRun.itemCounts.succeeded, mapRun.itemCounts.failed, mapRun.itemCounts.total], [100, 0, 100]);

  const charges = Array.from({ length: ORDERS }, (_, id) => callCount(counterDir, `charge-${id}`));
  assert.equal(charges.filter((calls) => calls === 1).length, 95);
  assert.deepEqual(
    charges.flatMap((calls, id) => (calls === 2 ? [id] : [])),
    BROKEN,
  );
  const validations = Array.from({ length: ORDERS }, (_, id) => callCount(counterDir, `validate-${id}`));
  assert.ok(
    validations.every((calls) => calls === 1),
    'Validate, before the failed state, never runs again',
  );

  // Listed as a user would list it, with `tsf list-executions` (every state machine's executions) over mTLS
  // (visibility may lag a moment behind the execution).
  const listed = await pollUntil(async () => {
    const result = await runTsf(['list-executions']);
    assert.equal(result.code, 0, result.stderr);
    const { executions } = JSON.parse(result.stdout) as { executions: Array<{ executionArn: string; status: string }> };
    const ours = executions.filter((e) => e.executionArn === executionArn);
    return ours[0]?.status === 'SUCCEEDED' ? ours : undefined;
  }, 'tsf list-executions to list the execution SUCCEEDED');
  assert.equal(listed.length, 1, 'listed once');
});
