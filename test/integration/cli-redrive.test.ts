/**
 * The `tsf` CLI's redrive commands as a user runs them (issue #16): plan-redrive, redrive-execution with
 * --only-errors / --only-items (a bad list named by option and entry; a selection of no failure refused), then
 * plan-redrive-map-run and redrive-map-run on the Map Run once its execution has SUCCEEDED with a tolerated failure.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { uniqueName } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';
import { runTsf, startWorkerProcess, type WorkerProcess } from '../helpers/processes';

const taskQueue = uniqueName('cli-redrive');
let worker: WorkerProcess;
before(async () => {
  worker = await startWorkerProcess(taskQueue, ['examples/handlers.ts']);
});
after(async () => {
  worker?.child.kill('SIGTERM');
  await worker?.exited;
});

const env = { TSF_TASK_QUEUE: taskQueue };

async function tsfJson(args: string[]) {
  const result = await runTsf(args, env);
  assert.equal(result.code, 0, `tsf ${args[0]} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function machine(switchFile: string) {
  return JSON.stringify({
    StartAt: 'Process',
    States: {
      Process: {
        Type: 'Map',
        ItemsPath: '$.items',
        ToleratedFailureCount: 1,
        ItemSelector: { 'item.$': '$$.Map.Item.Value', switchFile },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Call',
          States: {
            Call: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:000000000000:function:failsAs',
              Parameters: { 'key.$': '$.item.key', 'error.$': '$.item.error', 'switchFile.$': '$.switchFile' },
              End: true,
            },
          },
        },
        End: true,
      },
    },
  });
}

test('plan-redrive, redrive-execution --only-errors/--only-items, plan-redrive-map-run and redrive-map-run', async () => {
  const switchFile = path.join(tempDir('cli-redrive'), 'switch');
  const errors = ['Throttled', null, 'Throttled', 'BadData', null, null];
  const items = errors.map((error, i) => ({ key: `item-${i}`, error }));
  const { stateMachineArn } = await tsfJson([
    'create-state-machine',
    '--name',
    uniqueName('cli-redrive'),
    '--definition',
    machine(switchFile),
  ]);
  const { executionArn } = await tsfJson([
    'start-execution',
    '--state-machine-arn',
    stateMachineArn,
    '--input',
    JSON.stringify({ items }),
  ]);
  const failed = await pollUntil(async () => {
    const d = await tsfJson(['describe-execution', '--execution-arn', executionArn]);
    return d.status === 'RUNNING' ? undefined : d;
  }, 'the execution to fail');
  assert.equal(failed.status, 'FAILED');

  const plan = await tsfJson(['plan-redrive', '--execution-arn', executionArn, '--only-errors', 'Throttled']);
  assert.deepEqual(plan.mapRuns[0].rerun, { failed: 2, timedOut: 0, aborted: 0, pending: 0 });
  assert.equal(plan.mapRuns[0].kept.notSelected, 1);
  assert.deepEqual(plan.mapRuns[0].errors, { Throttled: 2, BadData: 1 });

  const badList = await runTsf(['redrive-execution', '--execution-arn', executionArn, '--only-items', '0,abc'], env);
  assert.equal(badList.code, 1);
  assert.match(badList.stderr, /--only-items: entry 2 \('abc'\) is neither an item index nor a range/);
  const outside = await runTsf(['redrive-execution', '--execution-arn', executionArn, '--only-items', '4-5'], env);
  assert.equal(outside.code, 1);
  assert.match(outside.stderr, /^ExecutionNotRedrivable: .*selects none of the unsuccessful children/);

  fs.writeFileSync(switchFile, 'on');
  await tsfJson(['redrive-execution', '--execution-arn', executionArn, '--only-errors', 'Throttled']);
  const done = await pollUntil(async () => {
    const d = await tsfJson(['describe-execution', '--execution-arn', executionArn]);
    return d.status === 'RUNNING' ? undefined : d;
  }, 'the redriven execution to end');
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);

  const { mapRuns } = await tsfJson(['list-map-runs', '--execution-arn', executionArn]);
  const mapRunArn = mapRuns[0].mapRunArn;
  const repairPlan = await tsfJson(['plan-redrive-map-run', '--map-run-arn', mapRunArn]);
  assert.equal(repairPlan.repairable, true);
  assert.deepEqual(repairPlan.rerun, { failed: 1, timedOut: 0, aborted: 0, pending: 0 });
  assert.deepEqual(repairPlan.errors, { BadData: 1 });
  const repaired = await tsfJson(['redrive-map-run', '--map-run-arn', mapRunArn]);
  assert.match(repaired.redriveDate, /^\d{4}-\d\d-\d\dT/);
  const after = await pollUntil(async () => {
    const d = await tsfJson(['describe-map-run', '--map-run-arn', mapRunArn]);
    return d.status === 'SUCCEEDED' && d.redriveCount === 2 ? d : undefined;
  }, 'the repaired Map Run');
  assert.equal(after.executionCounts.failed, 0);
  assert.equal(after.executionCounts.succeeded, items.length);
  const again = await runTsf(['redrive-map-run', '--map-run-arn', mapRunArn], env);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /^MapRunNotRepairable: .*no failed, timed-out or aborted children/);
});
