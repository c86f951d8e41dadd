/**
 * The redrive plan (issue #16, point 1, this engine's addition) says beforehand what RedriveExecution then does. A
 * Parallel holds an Inline Map (one iteration still running when the Parallel fails: aborted) and a Distributed Map
 * of Standard children (one failed early, one failed late and tripped the threshold, those running then aborted, the
 * rest never started). The early one closed longer ago than the children's redrivable period (lowered to 8 s), so it
 * is not redrivable. The plan's states, Map Run counts and errors equal what the redrive re-runs, counted in handler
 * calls per item; reading the plan changes neither DescribeExecution nor DescribeMapRun.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { StepFunctions } from '../../client';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const work = {
  Type: 'Task',
  Resource: fn('failsAs'),
  Parameters: {
    'key.$': '$.item.key',
    'error.$': '$.item.error',
    'waitSeconds.$': '$.item.waitSeconds',
    'switchFile.$': '$.switchFile',
    'counterDir.$': '$.counterDir',
  },
  End: true,
};
const selector = (counterDir: string, switchFile: string) => ({
  'item.$': '$$.Map.Item.Value',
  counterDir,
  switchFile,
});

function machine(counterDir: string, switchFile: string) {
  return {
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Parallel',
        End: true,
        Branches: [
          {
            StartAt: 'Each',
            States: {
              Each: {
                Type: 'Map',
                ItemsPath: '$.small',
                ItemSelector: selector(counterDir, switchFile),
                ItemProcessor: { StartAt: 'Work', States: { Work: work } },
                End: true,
              },
            },
          },
          {
            StartAt: 'Dist',
            States: {
              Dist: {
                Type: 'Map',
                ItemsPath: '$.items',
                MaxConcurrency: 4,
                ToleratedFailureCount: 1,
                ItemSelector: selector(counterDir, switchFile),
                ItemProcessor: {
                  ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
                  StartAt: 'Process',
                  States: { Process: work },
                },
                End: true,
              },
            },
          },
        ],
      },
    },
  };
}

const item = (key: string, error: string | null, waitSeconds: number | null) => ({ key, error, waitSeconds });
// Distributed: item 0 fails at once (tolerated), item 1 fails after 12 s (the threshold trips), the others would run
// for a minute. Inline: small-0 succeeds at once, small-1 would run for a minute.
const input = {
  small: [item('small-0', null, null), item('small-1', null, 60)],
  items: [
    item('item-0', 'Early', null),
    item('item-1', 'Late', 12),
    ...[2, 3, 4, 5, 6, 7].map((i) => item(`item-${i}`, null, 60)),
  ],
};

test('the plan of a Parallel with an Inline Map and a Distributed Map equals what the redrive re-runs', async () => {
  const sfn = new StepFunctions({
    client: engine.client,
    taskQueue: engine.taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
    redriveLimits: { redrivablePeriodMs: 8_000, historyEventLimit: 24_999 },
  });
  const dir = tempDir('redrive-plan');
  const counterDir = path.join(dir, 'calls');
  const switchFile = path.join(dir, 'switch');
  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('plan'),
    definition: JSON.stringify(machine(counterDir, switchFile)),
  });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const failed = await sfn.waitForExecution({ executionArn });
  assert.equal(failed.status, 'FAILED');
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  const mapRunArn = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  const keys = [...input.small, ...input.items].map((i) => i.key);
  const callsBefore = keys.map((key) => callCount(counterDir, key));
  const listed = async (statusFilter: 'FAILED' | 'ABORTED') =>
    (await sfn.listExecutions({ mapRunArn, statusFilter })).executions.length;
  const children = { failed: await listed('FAILED'), aborted: await listed('ABORTED') };
  const started = (await sfn.listExecutions({ mapRunArn })).executions.length;

  const described = JSON.stringify(await sfn.describeExecution({ executionArn }));
  const describedMapRun = JSON.stringify(await sfn.describeMapRun({ mapRunArn }));
  const plan = await sfn.planRedrive({ executionArn });
  assert.equal(JSON.stringify(await sfn.describeExecution({ executionArn })), described, 'the plan changes nothing');
  assert.equal(JSON.stringify(await sfn.describeMapRun({ mapRunArn })), describedMapRun, 'the plan changes nothing');

  assert.equal(plan.redriveStatus, 'REDRIVABLE');
  assert.deepEqual(
    plan.states.map((s) => s.path),
    [['Fan'], ['Fan', 0, 'Each'], ['Fan', 0, 'Each', 1, 'Work'], ['Fan', 1, 'Dist']],
  );
  assert.deepEqual(plan.states[0]!.input, input, 'the Parallel gets the execution input again');
  assert.deepEqual(plan.states[2]!.input, { item: input.small[1], counterDir, switchFile }, "the iteration's input");
  assert.equal(plan.mapRuns.length, 1);
  const mapRun = plan.mapRuns[0]!;
  assert.equal(mapRun.mapRunArn, mapRunArn);
  assert.equal(mapRun.action, 'REDRIVE', mapRun.actionReason);
  assert.equal(mapRun.itemSource, 'FIRST_ATTEMPT');
  assert.deepEqual(mapRun.kept, {
    notRedrivable: 1,
    notSelected: 0,
    notRedrivableReasons: { 'Execution redrivable period exceeded': 1 },
  });
  // The children as they ended: the early failure is kept, the late one, the aborted ones and the unstarted run.
  assert.deepEqual(mapRun.rerun, {
    failed: children.failed - 1,
    timedOut: 0,
    aborted: children.aborted,
    pending: input.items.length - started,
  });
  assert.equal(mapRun.errors.Early, 1);
  assert.equal(mapRun.errors.Late, 1);

  fs.writeFileSync(switchFile, 'on');
  await sfn.redriveExecution({ executionArn });
  const done = await sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);

  // Handler calls per item: exactly what the plan said would run again.
  const calls = keys.map((key, i) => callCount(counterDir, key) - callsBefore[i]!);
  const rerunItems = keys.filter((_, i) => calls[i] === 1);
  assert.ok(
    calls.every((n) => n === 0 || n === 1),
    `each item ran again at most once: ${calls}`,
  );
  const rerun = mapRun.rerun.failed + mapRun.rerun.aborted + mapRun.rerun.pending;
  assert.deepEqual(rerunItems, ['small-1', ...input.items.slice(1).map((i) => i.key)]);
  assert.equal(rerunItems.length - 1, rerun, 'the Map Run re-ran what the plan counted');
  assert.equal(mapRun.maxHandlerCalls, rerun, 'one Task per child, no Retry');
  const history = (await sfn.getExecutionHistory({ executionArn, maxResults: 1000 })).events;
  const redriven = history.findIndex((e) => e.type === 'ExecutionRedriven');
  const after = history.slice(redriven + 1);
  assert.ok(
    after.some((e) => e.type === 'MapRunRedriven'),
    'the Distributed Map redrove its Map Run',
  );
  assert.ok(!after.some((e) => e.type === 'MapRunStarted'), 'no new Map Run');
  const mapRunNow = await sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRunNow.redriveCount, 1);
  assert.equal(mapRunNow.executionCounts.failed, 1);
  assert.equal(mapRunNow.executionCounts.failuresNotRedrivable, 1);
  assert.equal(mapRunNow.executionCounts.succeeded, input.items.length - 1);
});
