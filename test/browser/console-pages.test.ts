/**
 * The list pages: state machines, and a state machine's executions (newest first, status and redrive filters,
 * search by name); an SDK error is shown with its name and message. Screenshots of each page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { startConsoleHarness, waitForText, type ConsoleHarness, type PageGlobals } from './support/console-harness';

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

const definition = JSON.stringify({
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Broken' }], Default: 'Fine' },
    Broken: { Type: 'Fail', Error: 'Broken', Cause: 'asked to fail' },
    Fine: { Type: 'Succeed' },
  },
});

/** The execution names in the table, top to bottom, once the table holds `count` rows. */
async function listedNames(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction(
    (n) =>
      (globalThis as unknown as PageGlobals).document.querySelectorAll(
        '[data-testid="executions-table"] tr[data-execution]',
      ).length === n,
    count,
  );
  return page
    .locator('[data-testid="executions-table"] tr[data-execution]')
    .evaluateAll((rows) => rows.map((row) => (row as unknown as { dataset: { execution: string } }).dataset.execution));
}

test('state machines and executions: newest first, filtered by status and redrive, searched by name', async () => {
  const name = uniqueName('pages');
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name, definition });
  for (const [execution, fail] of [
    ['alpha-ok', false],
    ['beta-ok', false],
    ['gamma-broken', true],
  ] as const) {
    const { executionArn } = await engine.sfn.startExecution({
      stateMachineArn,
      name: execution,
      input: JSON.stringify({ fail }),
    });
    await engine.sfn.waitForExecution({ executionArn });
  }

  const page = await harness.newPage();
  await page.goto(harness.url('state-machines'));
  await page.getByRole('link', { name }).waitFor();
  await harness.screenshot(page, 'state-machines');

  await page.getByRole('link', { name }).click();
  assert.deepEqual(await listedNames(page, 3), ['gamma-broken', 'beta-ok', 'alpha-ok']);
  await page.locator('[data-state="Check"]').waitFor();
  await harness.screenshot(page, 'state-machine-executions');

  await page.selectOption('select[aria-label="Status"]', 'FAILED');
  assert.deepEqual(await listedNames(page, 1), ['gamma-broken']);
  await page.selectOption('select[aria-label="Status"]', '');
  await page.selectOption('select[aria-label="Redrive filter"]', 'REDRIVEN');
  await waitForText(page, '[data-testid="executions-table"] tbody td', 'No executions');
  await page.selectOption('select[aria-label="Redrive filter"]', 'NOT_REDRIVEN');
  assert.equal((await listedNames(page, 3)).length, 3);
  await page.fill('input[aria-label="Search by name"]', 'BETA');
  await page.getByRole('button', { name: 'Search' }).click();
  assert.deepEqual(await listedNames(page, 1), ['beta-ok']);

  await page.getByRole('link', { name: 'beta-ok' }).click();
  await waitForText(page, '[data-testid="execution-status"]', 'SUCCEEDED');
  await page.locator('[data-state="Fine"][data-outcome="succeeded"]').waitFor();
  assert.equal(await page.locator('[data-state="Broken"]').getAttribute('data-outcome'), 'notRun');
  await page.close();
});

test('an SDK error is shown with its name and message', async () => {
  const page = await harness.newPage();
  const missing = 'arn:aws:states:us-east-1:000000000000:execution:nothing:here';
  await page.goto(harness.url('executions', missing));
  const error = await engine.sfn.describeExecution({ executionArn: missing }).catch((e: Error) => e);
  assert.ok(error instanceof Error);
  await waitForText(page, '[data-testid="error-banner"]', `${error.name}: ${error.message}`);
  assert.equal(error.name, 'ExecutionDoesNotExist');
  await harness.screenshot(page, 'error-shown');
  await page.close();
});
