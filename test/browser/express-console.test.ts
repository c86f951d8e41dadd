/**
 * Issue #14, point 6: the console shows Express executions from their execution logs, as Step Functions' console
 * does. An EXPRESS machine logging ALL with its data lists a succeeding and a failing execution with their
 * statuses; the failed one's details show its error, events and graph coloured by outcome, all read from its log
 * records; a Map Run's Express child opens alike; a machine without logging says how to turn it on.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openLogStore } from '../../activities/logs';
import { Logs } from '../../client/logs';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { expressChildrenListed } from '../helpers/express-children';
import { pollUntil } from '../helpers/poll';
import { startConsoleHarness, textOf, waitForText, type ConsoleHarness } from './support/console-harness';

// The worker writes the logs and the console reads them, from one local log store.
const env = { TSF_DATA_DIR: tempDir('express-console'), TSF_LOGS_ENDPOINT: '' };
const logs = new Logs(openLogStore(env));
let engine: TestEngine;
let harness: ConsoleHarness;
before(async () => {
  engine = await startTestEngine({ handlers, logStore: openLogStore(env, { workerId: 'express-console-worker' }) });
  harness = await startConsoleHarness(engine, { logStore: openLogStore(env) });
});
after(async () => {
  await harness?.close();
  await engine?.stop();
});

const definition = JSON.stringify({
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Parameters: { 'fail.$': '$.fail', checked: true }, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Broken' }], Default: 'Fine' },
    Broken: { Type: 'Fail', Error: 'Broken', Cause: 'asked to fail' },
    Fine: { Type: 'Succeed' },
  },
});

const loggingAll = (group: string) => ({
  level: 'ALL' as const,
  includeExecutionData: true,
  destinations: [
    { cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*` } },
  ],
});

/** Waits until the log group holds `count` records (the worker writes them in batches). */
async function awaitRecords(group: string, count: number): Promise<void> {
  await pollUntil(
    async () => {
      const found = await logs.filterLogEvents({ logGroupName: group }).catch(() => ({ events: [] }));
      return found.events.length >= count ? true : undefined;
    },
    `${count} records in ${group}`,
    20_000,
  );
}

async function rowStatus(page: Page, table: string, name: string): Promise<string> {
  const row = page.locator(`[data-testid="${table}"] tr[data-execution="${name}"]`);
  await row.waitFor();
  return ((await row.locator('.status').textContent()) ?? '').trim();
}

test('an EXPRESS machine’s executions, listed and detailed from its logs', async () => {
  const group = `/aws/vendedlogs/states/${uniqueName('express-console')}`;
  const name = uniqueName('express-logged');
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name,
    definition,
    type: 'EXPRESS',
    loggingConfiguration: loggingAll(group),
  });
  const ok = await engine.sfn.startSyncExecution({ stateMachineArn, name: 'fine-one', input: '{"fail":false}' });
  const broken = await engine.sfn.startSyncExecution({ stateMachineArn, name: 'broken-one', input: '{"fail":true}' });
  assert.equal(ok.status, 'SUCCEEDED');
  assert.equal(broken.status, 'FAILED');
  // Each: ExecutionStarted, 3 states entered and (but Broken) exited, the close; 8 and 7 records.
  await awaitRecords(group, 15);

  const page = await harness.newPage();
  await page.goto(harness.url('state-machines', stateMachineArn));
  await waitForText(page, '[data-testid="express-executions"] h2', 'Executions (from logs)');
  assert.equal(await rowStatus(page, 'express-executions-table', 'fine-one'), 'SUCCEEDED');
  assert.equal(await rowStatus(page, 'express-executions-table', 'broken-one'), 'FAILED');
  assert.equal(await page.locator('select[aria-label="Time range"]').inputValue(), String(3 * 60 * 60 * 1000));
  await harness.screenshot(page, 'express-executions-from-logs');

  // A range that ended before they ran lists none.
  await page.selectOption('select[aria-label="Time range"]', 'between');
  await page.fill('input[aria-label="To"]', '2020-01-01T00:00');
  await page.fill('input[aria-label="From"]', '2019-12-31T00:00');
  await waitForText(
    page,
    '[data-testid="express-executions-table"] tbody td',
    'No executions logged in this time range',
  );
  await page.selectOption('select[aria-label="Time range"]', String(60 * 60 * 1000));

  await page.getByRole('link', { name: 'broken-one' }).click();
  await waitForText(page, '[data-testid="execution-status"]', 'FAILED');
  assert.equal(await textOf(page, '[data-testid="execution-error"] strong'), 'Broken');
  assert.equal(await textOf(page, '[data-testid="execution-error"] pre'), 'asked to fail');
  assert.deepEqual(JSON.parse(await textOf(page, '[data-testid="execution-input"]')), { fail: true });
  await page.locator('[data-testid="event-table"] tr[data-event-type="ExecutionFailed"]').waitFor();
  assert.equal(await page.locator('[data-testid="event-table"] tbody tr').count(), 7);
  await page.locator('[data-state="Broken"][data-outcome="failed"]').waitFor();
  assert.equal(await page.locator('[data-state="Prepare"]').getAttribute('data-outcome'), 'succeeded');
  assert.equal(await page.locator('[data-state="Check"]').getAttribute('data-outcome'), 'succeeded');
  assert.equal(await page.locator('[data-state="Fine"]').getAttribute('data-outcome'), 'notRun');
  await harness.screenshot(page, 'express-execution-details');

  await page.goto(harness.url('state-machines', stateMachineArn));
  await page.getByRole('link', { name: 'fine-one' }).click();
  await waitForText(page, '[data-testid="execution-status"]', 'SUCCEEDED');
  assert.deepEqual(JSON.parse(await textOf(page, '[data-testid="execution-output"]')), { fail: false, checked: true });
  await page.locator('[data-state="Fine"][data-outcome="succeeded"]').waitFor();
  await page.close();
});

test('a Map Run’s Express child opens from its logs, with its item processor’s graph', async () => {
  const group = `/aws/vendedlogs/states/${uniqueName('express-children')}`;
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('express-parent'),
    loggingConfiguration: loggingAll(group),
    definition: JSON.stringify({
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          Label: 'Items',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Item',
            States: { Item: { Type: 'Pass', Parameters: { 'item.$': '$' }, End: true } },
          },
          End: true,
        },
      },
    }),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: '[1, 2]' });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'SUCCEEDED');
  const child = await pollUntil(
    async () => {
      const { events } = await logs.filterLogEvents({ logGroupName: group }).catch(() => ({ events: [] }));
      const records = events.map((event) => JSON.parse(event.message) as { execution_arn: string; type: string });
      return records.find((r) => r.execution_arn.includes(':express:') && r.type === 'ExecutionSucceeded')
        ?.execution_arn;
    },
    `an Express child's records in ${group}`,
    20_000,
  );
  assert.match(child, /:express:[^:/]+\/Items:/);

  // Map Run Details lists the Express children (ListExecutions(mapRunArn)); each opens its details from its logs.
  const { mapRunArn } = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  await expressChildrenListed(engine.sfn, mapRunArn, 2);
  const page = await harness.newPage();
  await page.goto(`${harness.console.url}#/map-runs/${encodeURIComponent(mapRunArn)}`);
  const rows = page.locator('[data-testid="executions-table"] tr[data-execution]');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  const name = child.split(':').at(-2)!;
  await page.locator(`[data-testid="executions-table"] tr[data-execution="${name}"] a`).first().click();
  await page.waitForURL(`**#/express-executions/${encodeURIComponent(child)}`);
  await waitForText(page, '[data-testid="execution-status"]', 'SUCCEEDED');
  await page.locator('[data-state="Item"][data-outcome="succeeded"]').waitFor();
  // ... and links back to its Map Run, which its ARN names.
  assert.equal(
    await page.locator(`a[href="#/map-runs/${encodeURIComponent(mapRunArn)}"]`).count(),
    1,
    'a link to the Map Run',
  );
  await page.close();
});

test('a machine without logging says how to turn it on', async () => {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('express-unlogged'),
    definition,
    type: 'EXPRESS',
  });
  await engine.sfn.startSyncExecution({ stateMachineArn, input: '{"fail":false}' });
  const page = await harness.newPage();
  await page.goto(harness.url('state-machines', stateMachineArn));
  const help = page.locator('[data-testid="logging-off"]');
  await help.waitFor();
  const text = (await help.textContent()) ?? '';
  assert.match(text, /state machine.s logging is OFF/);
  assert.match(text, /tsf update-state-machine --state-machine-arn /);
  assert.ok(text.includes(stateMachineArn), text);
  assert.match(text, /"level":"ALL","includeExecutionData":true,"destinations"/);
  await harness.screenshot(page, 'express-logging-off');
  await page.close();
});

test('logged without its data, an execution’s details say so; a STANDARD machine still lists its executions', async () => {
  const group = `/aws/vendedlogs/states/${uniqueName('express-nodata')}`;
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('express-nodata'),
    definition,
    type: 'EXPRESS',
    loggingConfiguration: { ...loggingAll(group), includeExecutionData: false },
  });
  const { executionArn } = await engine.sfn.startSyncExecution({ stateMachineArn, input: '{"fail":false}' });
  await awaitRecords(group, 8);
  const page = await harness.newPage();
  await page.goto(`${harness.console.url}#/express-executions/${encodeURIComponent(executionArn)}`);
  await waitForText(page, '[data-testid="execution-status"]', 'SUCCEEDED');
  await page.locator('[data-testid="data-not-logged"]').waitFor();
  assert.equal(await page.locator('[data-testid="execution-input"]').count(), 0);

  const standard = await engine.sfn.createStateMachine({ name: uniqueName('standard'), definition });
  const started = await engine.sfn.startExecution({ stateMachineArn: standard.stateMachineArn, name: 'plain' });
  await engine.sfn.waitForExecution({ executionArn: started.executionArn });
  await page.goto(harness.url('state-machines', standard.stateMachineArn));
  await page.locator('[data-testid="executions-table"] tr[data-execution="plain"]').waitFor();
  assert.equal(await page.locator('[data-testid="express-executions"]').count(), 0);
  await page.close();
});
