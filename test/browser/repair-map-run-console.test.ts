/**
 * Issue #16's Map Run repair in a real browser: a Map Run that SUCCEEDED with tolerated failures offers "Redrive
 * failed items" on Map Run Details; its confirm step shows the repair plan (children that run again, their errors,
 * the most handler calls); confirming runs only the failed children again, and the page shows the Map Run with no
 * failures and redrive count 1, its parent still SUCCEEDED. One whose parent failed is refused, and says why.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { callCount } from '../../examples/call-counter';
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

const ITEMS = 10;
const FAILING = [2, 5, 8];

/** A Map Run that tolerates its three failures; then the parent ends (SUCCEEDED), or fails in a Fail state. */
function definition(then: 'end' | 'fail') {
  return JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        MaxConcurrency: 5,
        ToleratedFailureCount: 3,
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Gate',
          States: {
            Gate: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:000000000000:function:gated',
              Parameters: {
                'key.$': "States.Format('repair-{}', $.id)",
                'switchFile.$': '$.switchFile',
                'counterDir.$': '$.counterDir',
              },
              End: true,
            },
          },
        },
        ...(then === 'end' ? { End: true } : { Next: 'Boom' }),
      },
      ...(then === 'fail' && { Boom: { Type: 'Fail', Error: 'Boom', Cause: 'fails after the Map Run succeeded' } }),
    },
  });
}

/** Runs the state machine until its end: the Map Run SUCCEEDED with the FAILING items failed (the switch is off). */
async function runWithToleratedFailures(then: 'end' | 'fail') {
  const dir = tempDir('console-repair');
  const switchFile = path.join(dir, 'switch');
  const on = path.join(dir, 'on');
  fs.writeFileSync(on, 'on');
  const counterDir = path.join(dir, 'calls');
  const items = Array.from({ length: ITEMS }, (_, id) => ({
    id,
    counterDir,
    switchFile: FAILING.includes(id) ? switchFile : on,
  }));
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('repair'),
    definition: definition(then),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
  const { status } = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(status, then === 'end' ? 'SUCCEEDED' : 'FAILED');
  const mapRunArn = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.status, 'SUCCEEDED');
  assert.equal(mapRun.executionCounts.failed, FAILING.length);
  return { executionArn, mapRunArn, items, counterDir, switchFile };
}

test('Redrive failed items repairs a Map Run that succeeded with tolerated failures', async () => {
  const { executionArn, mapRunArn, items, counterDir, switchFile } = await runWithToleratedFailures('end');

  const page = await harness.newPage();
  await page.goto(harness.url('map-runs', mapRunArn));
  await waitForText(page, '[data-testid="map-run-status"]', 'SUCCEEDED');
  await waitForText(page, '[data-testid="execution-counts-failed"]', String(FAILING.length));
  assert.equal(await textOf(page, '[data-testid="map-run-redrive-count"]'), '0');
  const callsBefore = items.map(({ id }) => callCount(counterDir, `repair-${id}`));

  // The confirm step: the repair plan, as the server made it.
  await page.getByRole('button', { name: 'Redrive failed items' }).click();
  await page.locator(inPlan('repair-plan')).waitFor();
  assert.equal(await page.locator(inPlan('repair-plan')).getAttribute('data-repairable'), 'true');
  assert.equal(await page.locator(inPlan('plan-map-run')).getAttribute('data-map-run'), mapRunArn);
  assert.equal(await textOf(page, inPlan('plan-rerun-total')), String(FAILING.length));
  assert.equal(await textOf(page, inPlan('plan-rerun-failed')), String(FAILING.length));
  assert.equal(await textOf(page, inPlan('plan-rerun-aborted')), '0');
  assert.equal(await textOf(page, inPlan('plan-succeeded')), String(ITEMS - FAILING.length));
  assert.equal(await textOf(page, inPlan('plan-kept-not-redrivable')), '0');
  assert.deepEqual(await planErrors(page), { GateClosed: String(FAILING.length) });
  // One Task state per child, three children.
  assert.equal(await textOf(page, inPlan('plan-max-handler-calls')), String(FAILING.length));
  assert.equal(await page.locator(inPlan('confirm-disabled-reason')).count(), 0);
  await harness.screenshot(page, 'repair-map-run-confirm');

  fs.writeFileSync(switchFile, 'fixed');
  await page.locator(inPlan('confirm')).click();
  await page.locator('[data-testid="notice"]').waitFor();
  assert.match(await textOf(page, '[data-testid="notice"]'), /^Redrive of the failed items started at /);
  await waitForText(page, '[data-testid="execution-counts-succeeded"]', String(ITEMS), 120_000);
  await waitForText(page, '[data-testid="map-run-status"]', 'SUCCEEDED');
  assert.equal(await textOf(page, '[data-testid="map-run-redrive-count"]'), '1');
  assert.equal(await textOf(page, '[data-testid="execution-counts-failed"]'), '0');
  assert.equal(await textOf(page, '[data-testid="item-counts-failed"]'), '0');
  // Nothing is left to repair: the button is gone.
  assert.equal(await page.getByRole('button', { name: 'Redrive failed items' }).count(), 0);
  await harness.screenshot(page, 'repair-map-run-done');

  // Only the failed children ran again, once each; the parent is still the SUCCEEDED execution it was.
  const callsAfter = items.map(({ id }) => callCount(counterDir, `repair-${id}`));
  assert.deepEqual(
    callsAfter,
    callsBefore.map((n, id) => (FAILING.includes(id) ? n + 1 : n)),
    `calls before the repair ${callsBefore.join(',')}, after ${callsAfter.join(',')}`,
  );
  const parent = await engine.sfn.describeExecution({ executionArn });
  assert.equal(parent.status, 'SUCCEEDED');
  await page.close();
});

test('a Map Run whose parent failed is not repaired: the confirm step says why, and the API refuses', async () => {
  const { mapRunArn, items, counterDir } = await runWithToleratedFailures('fail');
  const sdkPlan = await engine.sfn.planRedriveMapRun({ mapRunArn });
  assert.equal(sdkPlan.repairable, false);
  assert.ok(sdkPlan.reason, 'the plan says why it cannot be repaired');

  const page = await harness.newPage();
  await page.goto(harness.url('map-runs', mapRunArn));
  await waitForText(page, '[data-testid="map-run-status"]', 'SUCCEEDED');
  await page.getByRole('button', { name: 'Redrive failed items' }).click();
  await page.locator(inPlan('repair-plan')).waitFor();
  assert.equal(await page.locator(inPlan('repair-plan')).getAttribute('data-repairable'), 'false');
  assert.equal(await textOf(page, inPlan('confirm-disabled-reason')), sdkPlan.reason);
  assert.equal(await page.locator(inPlan('confirm')).isDisabled(), true);
  // The plan is still shown: what a repair would run again, were it allowed.
  assert.equal(await textOf(page, inPlan('plan-rerun-failed')), String(FAILING.length));
  await harness.screenshot(page, 'repair-map-run-refused');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The console API answers the refusal as the SDK named it, and nothing ran again.
  const callsBefore = items.map(({ id }) => callCount(counterDir, `repair-${id}`));
  const html = await (await fetch(harness.console.url)).text();
  const csrf = /<meta name="tsf-csrf" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const response = await fetch(`${harness.console.url}api/map-runs/${encodeURIComponent(mapRunArn)}/redrive`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tsf-csrf': csrf },
    body: '{}',
  });
  assert.equal(response.status, 400);
  assert.equal(((await response.json()) as { name: string }).name, 'MapRunNotRepairable');
  assert.deepEqual(
    items.map(({ id }) => callCount(counterDir, `repair-${id}`)),
    callsBefore,
  );
  assert.equal((await engine.sfn.describeMapRun({ mapRunArn })).redriveCount, 0);
  await page.close();
});
