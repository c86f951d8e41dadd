/**
 * Issue #5's acceptance in a real browser: a failed execution whose Map Run had failures shows the failed state
 * and the Map Run counts; Recover > Redrive (confirmed) brings it to RUNNING then SUCCEEDED with redrive count 1
 * and the redrive events; a SUCCEEDED execution's Redrive is disabled with the reason shown.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import {
  startConsoleHarness,
  textOf,
  waitForText,
  type ConsoleHarness,
  type PageGlobals,
} from './support/console-harness';

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

const ITEMS = 20;
const FAILING = new Set([15, 16, 17, 18, 19]);

function definition() {
  return JSON.stringify({
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Next: 'Items' },
      Items: {
        Type: 'Map',
        MaxConcurrency: 10,
        ToleratedFailureCount: 4,
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Gate',
          States: {
            Gate: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:000000000000:function:gated',
              Parameters: { 'key.$': "States.Format('gate-{}', $.id)", 'switchFile.$': '$.switchFile' },
              Next: 'Settle',
            },
            // Keeps a redriven child (and so its parent) RUNNING for a moment a person can see.
            Settle: { Type: 'Wait', Seconds: 1, End: true },
          },
        },
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  });
}

const outcomeOf = (page: Page, state: string) =>
  page.locator(`[data-state="${state}"]`).first().getAttribute('data-outcome');

/** Records every status the page shows, from now on (a person watching the header). */
async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals & {
      seenStatuses: string[];
      MutationObserver: new (callback: () => void) => { observe(node: unknown, options: object): void };
    };
    const badge = g.document.querySelector('[data-testid="execution-status"]');
    g.seenStatuses = [badge?.textContent ?? ''];
    new g.MutationObserver(() => {
      const text = g.document.querySelector('[data-testid="execution-status"]')?.textContent ?? '';
      if (g.seenStatuses[g.seenStatuses.length - 1] !== text) g.seenStatuses.push(text);
    }).observe(g.document, { subtree: true, childList: true, characterData: true });
  });
}

test('a failed Map Run is seen, then redriven from Execution Details until it succeeds', async () => {
  const dir = tempDir('console-redrive');
  const switchFile = path.join(dir, 'switch');
  const on = path.join(dir, 'on');
  fs.writeFileSync(on, 'on');
  const items = Array.from({ length: ITEMS }, (_, id) => ({ id, switchFile: FAILING.has(id) ? switchFile : on }));
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('console'),
    definition: definition(),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.status, 'FAILED');
  const mapRunArn = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
  assert.ok(mapRun.itemCounts.failed >= FAILING.size, 'the switch failed its items');

  const page = await harness.newPage();
  await page.goto(harness.url('executions', executionArn));
  await waitForText(page, '[data-testid="execution-status"]', 'FAILED');
  await waitForText(page, '[data-testid="redrive-count"]', '0');
  await page.locator('[data-outcome]').first().waitFor();
  assert.equal(await outcomeOf(page, 'Prepare'), 'succeeded');
  assert.equal(await outcomeOf(page, 'Items'), 'failed');
  assert.equal(await outcomeOf(page, 'Done'), 'notRun');
  assert.match(await textOf(page, '[data-testid="execution-error"]'), /States\.ExceedToleratedFailureThreshold/);
  const row = `[data-map-run="${mapRunArn}"]`;
  await waitForText(page, `${row} [data-col="failed"]`, String(mapRun.itemCounts.failed));
  assert.equal(await textOf(page, `${row} [data-col="succeeded"]`), String(mapRun.itemCounts.succeeded));
  assert.equal(await textOf(page, `${row} [data-col="total"]`), String(ITEMS));
  await harness.screenshot(page, 'execution-details-failed');

  // Map Run Details: the counts, the failed children, and one child's own details.
  await page.locator(`${row} a`).click();
  await waitForText(page, '[data-testid="map-run-status"]', 'FAILED');
  assert.equal(await textOf(page, '[data-testid="item-counts-failed"]'), String(mapRun.itemCounts.failed));
  assert.equal(await textOf(page, '[data-testid="item-counts-succeeded"]'), String(mapRun.itemCounts.succeeded));
  assert.equal(await textOf(page, '[data-testid="execution-counts-failed"]'), String(mapRun.executionCounts.failed));
  assert.equal(await textOf(page, '[data-testid="max-concurrency"]'), '10');
  await page.selectOption('select[aria-label="Child status"]', 'FAILED');
  await page.waitForFunction(
    (n) =>
      (globalThis as unknown as PageGlobals).document.querySelectorAll(
        '[data-testid="executions-table"] tr[data-execution]',
      ).length === n,
    mapRun.executionCounts.failed,
  );
  await harness.screenshot(page, 'map-run-details-failed');
  await page.locator('[data-testid="executions-table"] tr[data-execution] a').first().click();
  await waitForText(page, '[data-testid="execution-status"]', 'FAILED');
  await waitForText(page, '[data-testid="redrive-status"]', 'REDRIVABLE_BY_MAP_RUN');
  await page.locator('[data-state="Gate"][data-outcome="failed"]').waitFor();
  assert.equal(await outcomeOf(page, 'Settle'), 'notRun');
  await harness.screenshot(page, 'child-execution-details');

  // Fix the cause, then Recover > Redrive on the parent, confirmed in the dialog.
  await page.goto(harness.url('executions', executionArn));
  await waitForText(page, '[data-testid="execution-status"]', 'FAILED');
  await recordStatuses(page);
  fs.writeFileSync(switchFile, 'fixed');
  // Actions > Redrive is there too; Recover > Redrive from failure opens the confirm step, which says what runs again.
  await page.getByRole('button', { name: 'Actions' }).click();
  assert.equal(await page.getByRole('menuitem', { name: 'Redrive', exact: true }).isDisabled(), false);
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('button', { name: 'Recover' }).click();
  await page.getByRole('menuitem', { name: 'Redrive from failure' }).click();
  await page.locator('dialog[open] [data-testid="redrive-plan"]').waitFor();
  const counts = mapRun.executionCounts;
  assert.equal(await textOf(page, 'dialog[open] [data-testid="plan-state-name"]'), 'Items');
  assert.equal(
    await textOf(page, 'dialog[open] [data-testid="plan-rerun-total"]'),
    String(counts.total - counts.succeeded - counts.failuresNotRedrivable),
  );
  assert.equal(await textOf(page, 'dialog[open] [data-testid="plan-succeeded"]'), String(counts.succeeded));
  await harness.screenshot(page, 'redrive-confirm');
  await page.locator('dialog[open] [data-testid="confirm"]').click();
  await waitForText(page, '[data-testid="execution-status"]', 'SUCCEEDED', 120_000);
  const seen = await page.evaluate(() => (globalThis as unknown as { seenStatuses: string[] }).seenStatuses);
  assert.deepEqual(seen, ['FAILED', 'RUNNING', 'SUCCEEDED'], 'the header went from FAILED to RUNNING to SUCCEEDED');
  await waitForText(page, '[data-testid="redrive-count"]', '1');
  await page.locator('tr[data-event-type="ExecutionRedriven"]').waitFor();
  await page.locator('tr[data-event-type="MapRunRedriven"]').waitFor();
  await page.locator('[data-state="Items"][data-outcome="succeeded"]').waitFor();
  assert.equal(await outcomeOf(page, 'Done'), 'succeeded');

  // A SUCCEEDED execution cannot be redriven: the menu says so.
  const succeeded = await engine.sfn.describeExecution({ executionArn });
  assert.equal(succeeded.redriveCount, 1);
  await page.getByRole('button', { name: 'Recover' }).click();
  const redrive = page.getByRole('menuitem', { name: 'Redrive from failure' });
  assert.equal(await redrive.isDisabled(), true);
  assert.equal(await textOf(page, '[data-testid="disabled-reason"]'), succeeded.redriveStatusReason);
  assert.match(succeeded.redriveStatusReason ?? '', /SUCCEEDED/);
  await harness.screenshot(page, 'execution-details-redriven');

  await page.goto(harness.url('map-runs', mapRunArn));
  await waitForText(page, '[data-testid="map-run-status"]', 'SUCCEEDED');
  await waitForText(page, '[data-testid="map-run-redrive-count"]', '1');
  assert.equal(await textOf(page, '[data-testid="item-counts-succeeded"]'), String(ITEMS));
  assert.equal(await textOf(page, '[data-testid="item-counts-pendingRedrive"]'), '0');
  await harness.screenshot(page, 'map-run-details-redriven');
  await page.close();
});

test('Redrive from failure on Map Run Details redrives the parent, and only what failed runs again', async () => {
  const dir = tempDir('console-map-run-redrive');
  const switchFile = path.join(dir, 'switch');
  const on = path.join(dir, 'on');
  fs.writeFileSync(on, 'on');
  const definition = JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        MaxConcurrency: 5,
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Gate',
          States: {
            Gate: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:000000000000:function:gated',
              Parameters: {
                'key.$': "States.Format('express-{}', $.id)",
                'switchFile.$': '$.switchFile',
                'counterDir.$': '$.counterDir',
              },
              End: true,
            },
          },
        },
        End: true,
      },
    },
  });
  const counterDir = path.join(dir, 'calls');
  const items = Array.from({ length: 10 }, (_, id) => ({ id, counterDir, switchFile: id >= 8 ? switchFile : on }));
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('from-map-run'), definition });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'FAILED');
  const mapRunArn = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;

  const page = await harness.newPage();
  await page.goto(harness.url('map-runs', mapRunArn));
  await waitForText(page, '[data-testid="map-run-status"]', 'FAILED');
  const callsBefore = items.map(({ id }) => callCount(counterDir, `express-${id}`));
  fs.writeFileSync(switchFile, 'fixed');
  await page.getByRole('button', { name: 'Recover' }).click();
  await page.getByRole('menuitem', { name: 'Redrive from failure' }).click();
  await page.locator('dialog[open] [data-testid="confirm"]').click();
  await waitForText(page, '[data-testid="map-run-status"]', 'SUCCEEDED', 120_000);
  await waitForText(page, '[data-testid="map-run-redrive-count"]', '1');
  await waitForText(page, '[data-testid="item-counts-succeeded"]', '10');
  const parent = await engine.sfn.describeExecution({ executionArn });
  assert.equal(parent.status, 'SUCCEEDED');
  assert.equal(parent.redriveCount, 1);
  // Items 0-7 succeed whenever they run: one that ran before is not run again. Items 8 and 9 failed: once more.
  const callsAfter = items.map(({ id }) => callCount(counterDir, `express-${id}`));
  assert.deepEqual(
    callsAfter,
    callsBefore.map((n, id) => (id >= 8 ? n + 1 : Math.max(n, 1))),
    `calls before the redrive ${callsBefore.join(',')}, after ${callsAfter.join(',')}`,
  );
  await page.getByRole('button', { name: 'Recover' }).click();
  assert.equal(await page.getByRole('menuitem', { name: 'Redrive from failure' }).isDisabled(), true);
  assert.equal(await textOf(page, '[data-testid="disabled-reason"]'), parent.redriveStatusReason);
  await page.close();
});

test("the state machine's executions list redrives the failed executions a user selects", async () => {
  const dir = tempDir('console-select');
  const switchFile = path.join(dir, 'switch');
  const on = path.join(dir, 'on');
  fs.writeFileSync(on, 'on');
  const definition = JSON.stringify({
    StartAt: 'Gate',
    States: {
      Gate: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:000000000000:function:gated',
        Parameters: { 'key.$': '$.key', 'switchFile.$': '$.switchFile' },
        End: true,
      },
    },
  });
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('select'), definition });
  const started = [];
  for (const [name, file] of [
    ['first-fails', switchFile],
    ['second-fails', switchFile],
    ['succeeds', on],
    ['third-fails', switchFile],
  ] as const) {
    const { executionArn } = await engine.sfn.startExecution({
      stateMachineArn,
      name,
      input: JSON.stringify({ key: name, switchFile: file }),
    });
    started.push({ name, executionArn, status: (await engine.sfn.waitForExecution({ executionArn })).status });
  }
  assert.deepEqual(
    started.map((e) => e.status),
    ['FAILED', 'FAILED', 'SUCCEEDED', 'FAILED'],
  );

  const page = await harness.newPage();
  await page.goto(harness.url('state-machines', stateMachineArn));
  await page.locator('tr[data-execution="succeeds"]').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Redrive' }).isDisabled(), true, 'nothing selected yet');
  assert.equal(await page.locator('tr[data-execution="succeeds"] input[type="checkbox"]').count(), 0);
  fs.writeFileSync(switchFile, 'fixed');
  await page.getByRole('checkbox', { name: 'Select first-fails' }).check();
  await page.getByRole('checkbox', { name: 'Select third-fails' }).check();
  await page.getByRole('button', { name: 'Redrive (2)' }).click();
  await page.locator('dialog[open]').waitFor();
  assert.deepEqual((await page.locator('dialog[open] [data-testid="redrive-selection"] li').allTextContents()).sort(), [
    'first-fails (FAILED)',
    'third-fails (FAILED)',
  ]);
  await harness.screenshot(page, 'redrive-selected');
  await page.locator('dialog[open] [data-testid="confirm"]').click();
  await page.locator('[data-testid="notice"]').waitFor();
  assert.match(await textOf(page, '[data-testid="notice"]'), /^Redrive started: first-fails, third-fails/);

  const after = await Promise.all(started.map((e) => engine.sfn.waitForExecution({ executionArn: e.executionArn })));
  assert.deepEqual(
    after.map((d) => [d.name, d.status, d.redriveCount]),
    [
      ['first-fails', 'SUCCEEDED', 1],
      ['second-fails', 'FAILED', 0],
      ['succeeds', 'SUCCEEDED', 0],
      ['third-fails', 'SUCCEEDED', 1],
    ],
  );
  await page.close();
});
