/**
 * Map Run Details of a 10,000-item Map Run (Express children, a trivial handler) stays responsive while it
 * runs. Measured in the browser: how often the counts on the page changed, and the main thread's long tasks
 * (PerformanceObserver 'longtask', tasks over 50 ms) while the page was live. No server wall time is asserted.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { pollUntil } from '../helpers/poll';
import { startConsoleHarness, textOf, waitForText, type ConsoleHarness } from './support/console-harness';

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

const ITEMS = 10_000;
/**
 * A main-thread task this long is a freeze anyone would notice. The bound is loose on purpose: the worker running
 * the 10,000 children shares the machine's cores with the browser, which stretches every task.
 */
const LONGEST_TASK_MS = 1000;

// Runs in the page before its own scripts (a string, so no bundler helper leaks into the page).
const instrument = `
  window.__watch = { updates: [], longTasks: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__watch.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver(() => {
      const cell = document.querySelector('[data-testid="item-counts-succeeded"]');
      const updates = window.__watch.updates;
      if (cell && (updates.length === 0 || updates[updates.length - 1].text !== cell.textContent)) {
        updates.push({ text: cell.textContent, at: performance.now() });
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
`;

interface Watch {
  updates: Array<{ text: string; at: number }>;
  longTasks: Array<{ start: number; duration: number }>;
}

test('Map Run Details of a 10,000-item Map Run keeps updating without blocking the page', async (t) => {
  const definition = JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        MaxConcurrency: 1000,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Work',
          States: {
            Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:identity', End: true },
          },
        },
        ResultPath: null,
        End: true,
      },
    },
  });
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('live'), definition });
  const input = JSON.stringify(Array.from({ length: ITEMS }, (_, i) => i));
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input });
  const mapRunArn = await pollUntil(
    async () => (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]?.mapRunArn,
    'the Map Run to start',
  );

  const page = await harness.newPage();
  await page.addInitScript({ content: instrument });
  await page.goto(harness.url('map-runs', mapRunArn));
  await waitForText(page, '[data-testid="map-run-status"]', 'RUNNING');
  await harness.screenshot(page, 'map-run-details-running');
  await waitForText(page, '[data-testid="map-run-status"]', 'SUCCEEDED', 600_000);
  const watch = await page.evaluate(() => (globalThis as unknown as { __watch: Watch }).__watch);

  assert.equal(await textOf(page, '[data-testid="item-counts-succeeded"]'), ITEMS.toLocaleString('en-US'));
  const described = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(described.itemCounts.succeeded, ITEMS);

  const values = watch.updates.map((u) => Number(u.text.replace(/,/g, '')));
  const inBetween = values.filter((v) => v > 0 && v < ITEMS);
  assert.ok(inBetween.length >= 3, `the counts changed on the page while the Map Run ran: ${values.join(' → ')}`);
  for (let i = 1; i < values.length; i++) assert.ok(values[i]! >= values[i - 1]!, 'succeeded never goes back');
  const live = watch.updates[0]!.at;
  const longTasks = watch.longTasks.filter((task) => task.start >= live);
  const longest = Math.max(0, ...longTasks.map((task) => task.duration));
  const gaps = watch.updates.slice(1).map((u, i) => u.at - watch.updates[i]!.at);
  t.diagnostic(
    `${watch.updates.length} count updates; longest gap between them ${Math.round(Math.max(...gaps))} ms; ` +
      `${longTasks.length} long tasks while live, longest ${Math.round(longest)} ms`,
  );
  assert.ok(longest < LONGEST_TASK_MS, `the main thread was blocked ${Math.round(longest)} ms`);
  await page.locator('svg.plot').waitFor();
  await harness.screenshot(page, 'map-run-details-10000');
  await page.close();
});
