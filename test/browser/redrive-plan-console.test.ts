/**
 * Issue #16's acceptance in a real browser: the redrive confirm step of a failed execution shows the server's plan
 * (the state entered again with its input, the Map Run's children that run again and those kept, their last errors
 * by name with counts, the most handler calls), and confirming it brings the execution to SUCCEEDED.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { startConsoleHarness, textOf, waitForText, type ConsoleHarness } from './support/console-harness';
import { inPlan, planErrors } from './support/plan';

let engine: TestEngine;
let harness: ConsoleHarness;
before(async () => {
  engine = await startTestEngine({ handlers });
  harness = await startConsoleHarness(engine);
});
after(async () => {
  await harness?.close();
  await engine?.stop();
});

const lambda = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/**
 * Each child calls two handlers: `gated` (GateClosed while the switch is off) then `flaky` (FlakyError on its first
 * `failTimes` calls). One child at a time, so the Map Run fails on the last item, with every child ended: the plan's
 * figures are exact, not a race with aborted children.
 */
const definition = JSON.stringify({
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Next: 'Items' },
    Items: {
      Type: 'Map',
      MaxConcurrency: 1,
      ToleratedFailureCount: 4,
      ItemsPath: '$.items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Gate',
        States: {
          Gate: {
            Type: 'Task',
            Resource: lambda('gated'),
            Parameters: { 'key.$': "States.Format('gate-{}', $.id)", 'switchFile.$': '$.switchFile' },
            ResultPath: null,
            Next: 'Flaky',
          },
          Flaky: {
            Type: 'Task',
            Resource: lambda('flaky'),
            Parameters: {
              'key.$': "States.Format('flaky-{}', $.id)",
              'failTimes.$': '$.failTimes',
              'counterDir.$': '$.counterDir',
            },
            End: true,
          },
        },
      },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
});

test('the redrive confirm step shows the plan of a failed Distributed Map, and confirming it succeeds', async () => {
  const dir = tempDir('console-plan');
  const switchFile = path.join(dir, 'switch');
  const on = path.join(dir, 'on');
  fs.writeFileSync(on, 'on');
  const counterDir = path.join(dir, 'calls');
  // Items 0-6 succeed; 7-9 find the gate closed; 10 and 11 pass the gate and fail once in `flaky`.
  const items = Array.from({ length: 12 }, (_, id) => ({
    id,
    counterDir,
    switchFile: id >= 7 && id <= 9 ? switchFile : on,
    failTimes: id >= 10 ? 1 : 0,
  }));
  const input = { items };
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('plan'), definition });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'FAILED');
  const mapRunArn = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  const counts = (await engine.sfn.describeMapRun({ mapRunArn })).executionCounts;
  assert.deepEqual([counts.succeeded, counts.failed, counts.aborted, counts.pending], [7, 5, 0, 0]);
  const sdkPlan = await engine.sfn.planRedrive({ executionArn });

  const page = await harness.newPage();
  await page.goto(harness.url('executions', executionArn));
  await waitForText(page, '[data-testid="execution-status"]', 'FAILED');
  fs.writeFileSync(switchFile, 'fixed');
  await page.getByRole('button', { name: 'Recover' }).click();
  await page.getByRole('menuitem', { name: 'Redrive from failure' }).click();
  await page.locator(inPlan('redrive-plan')).waitFor();

  assert.equal(await textOf(page, inPlan('plan-redrive-status')), 'REDRIVABLE');
  // The state entered again, and the input it gets: the Map state's, which the Pass state handed on unchanged.
  assert.deepEqual(await page.locator(inPlan('plan-state-name')).allTextContents(), ['Items']);
  await page.locator('dialog[open] [data-testid="plan-state"] summary').click();
  assert.deepEqual(JSON.parse(await textOf(page, inPlan('plan-state-input'))), input);

  // The Map Run: redriven, its 5 failed children run again, the 7 that succeeded kept, none held back.
  assert.equal(await page.locator(inPlan('plan-map-run')).count(), 1);
  assert.equal(await page.locator(inPlan('plan-map-run')).getAttribute('data-map-run'), mapRunArn);
  assert.equal(await textOf(page, inPlan('plan-map-run-state')), 'Items');
  assert.equal(await textOf(page, inPlan('plan-action')), 'Redriven under the same Map Run ARN');
  assert.equal(await textOf(page, inPlan('plan-action-reason')), sdkPlan.mapRuns[0]!.actionReason);
  assert.equal(await textOf(page, inPlan('plan-rerun-total')), '5');
  assert.equal(await textOf(page, inPlan('plan-rerun-failed')), '5');
  assert.equal(await textOf(page, inPlan('plan-rerun-timedOut')), '0');
  assert.equal(await textOf(page, inPlan('plan-rerun-aborted')), '0');
  assert.equal(await textOf(page, inPlan('plan-rerun-pending')), '0');
  assert.equal(await textOf(page, inPlan('plan-succeeded')), '7');
  assert.equal(await textOf(page, inPlan('plan-kept-not-redrivable')), '0');
  assert.equal(await textOf(page, inPlan('plan-kept-not-selected')), '0');
  assert.equal(await page.locator(inPlan('plan-not-redrivable-reason')).count(), 0);
  assert.deepEqual(await planErrors(page), { GateClosed: '3', FlakyError: '2' });
  // Two Task states per child, five children: at most ten handler calls.
  assert.equal(await textOf(page, inPlan('plan-max-handler-calls')), '10');
  assert.equal(
    await page.locator(inPlan('plan-item-source')).getAttribute('data-item-source'),
    sdkPlan.mapRuns[0]!.itemSource,
  );
  assert.equal(await page.locator(inPlan('plan-kept-exceed-threshold')).count(), 0);
  assert.equal(await page.locator(inPlan('confirm')).isDisabled(), false);
  await harness.screenshot(page, 'redrive-plan-confirm');

  await page.locator(inPlan('confirm')).click();
  await waitForText(page, '[data-testid="execution-status"]', 'SUCCEEDED', 120_000);
  await waitForText(page, '[data-testid="redrive-count"]', '1');
  await page.locator('[data-state="Items"][data-outcome="succeeded"]').waitFor();
  const execution = await engine.sfn.describeExecution({ executionArn });
  assert.equal(execution.status, 'SUCCEEDED');
  assert.equal(execution.redriveCount, 1);
  await page.close();
});
