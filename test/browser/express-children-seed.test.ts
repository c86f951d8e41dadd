/**
 * Issue #14's acceptance, the seed's sentence end to end: "you can examine Express child workflow executions if
 * logging is enabled on the parent state machine". A Distributed Map of 100 EXPRESS children logs ALL with its data;
 * 5 children fail, the cause is fixed and the parent redriven. As a user checks it: `tsf logs filter-log-events`
 * shows each child's records under its ARN (the 5 re-run children twice), `tsf describe-execution` of a re-run
 * child says SUCCEEDED, and the console shows that child's details from its logs (screenshot saved).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openLogStore } from '../../activities/logs';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { expressChildrenListed } from '../helpers/express-children';
import { pollUntil } from '../helpers/poll';
import { runTsf } from '../helpers/processes';
import { startConsoleHarness, waitForText, type ConsoleHarness } from './support/console-harness';

const FAILING = new Set([11, 32, 53, 74, 95]);
let fixed = false;

async function seedWork(input: { id: number }): Promise<{ id: number; processed: true }> {
  if (!fixed && FAILING.has(input.id)) {
    const error = new Error(`order ${input.id} has no price`);
    error.name = 'MissingPrice';
    throw error;
  }
  return { id: input.id, processed: true };
}

// The worker writes logs and children's records where `tsf` and the console read them, as on one machine.
const dataDir = tempDir('seed-data');
const storageDir = tempDir('seed-storage');
const env = { TSF_DATA_DIR: dataDir, TSF_LOGS_ENDPOINT: '', TSF_STORAGE_DIR: storageDir, TSF_S3_ENDPOINT: '' };
let engine: TestEngine;
let harness: ConsoleHarness;
before(async () => {
  engine = await startTestEngine({
    handlers: { seedWork },
    storageDir,
    logStore: openLogStore(env, { workerId: 'seed-worker' }),
  });
  harness = await startConsoleHarness(engine, { logStore: openLogStore(env) });
});
after(async () => {
  await harness?.close();
  await engine?.stop();
});

async function tsf(args: string[]): Promise<unknown> {
  const result = await runTsf(args, env);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as unknown;
}

type LogRecord = { execution_arn: string; type: string; details: Record<string, unknown> };

test('100 Express children, 5 fail, the parent is redriven: every child examinable from logs, SDK, CLI and console', async () => {
  const group = `/aws/vendedlogs/states/${uniqueName('seed')}`;
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('orders'),
    loggingConfiguration: {
      level: 'ALL',
      includeExecutionData: true,
      destinations: [
        { cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*` } },
      ],
    },
    definition: JSON.stringify({
      StartAt: 'Orders',
      States: {
        Orders: {
          Type: 'Map',
          Label: 'Orders',
          ToleratedFailureCount: 4,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Price',
            States: {
              Price: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:seedWork', End: true },
            },
          },
          End: true,
        },
      },
    }),
  });
  const input = JSON.stringify(Array.from({ length: 100 }, (_, id) => ({ id })));
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input });
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.status, 'FAILED');
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  const { mapRunArn } = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  const failedChildren = await expressChildrenListed(engine.sfn, mapRunArn, 5, 'FAILED');

  fixed = true;
  await engine.sfn.redriveExecution({ executionArn });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'SUCCEEDED');

  // `tsf logs filter-log-events`: each child's records under its own ARN, from ExecutionStarted to its end.
  const byChild = await pollUntil(
    async () => {
      const { events } = (await tsf(['logs', 'filter-log-events', '--log-group-name', group])) as {
        events: Array<{ message: string }>;
      };
      const children = new Map<string, string[]>();
      for (const event of events) {
        const record = JSON.parse(event.message) as LogRecord;
        if (!record.execution_arn.includes(':express:')) continue;
        children.set(record.execution_arn, [...(children.get(record.execution_arn) ?? []), record.type]);
      }
      const closed = [...children.values()].filter((types) => types.at(-1) === 'ExecutionSucceeded');
      return children.size === 100 && closed.length === 100 ? children : undefined;
    },
    "100 children's records, each ending ExecutionSucceeded",
    30_000,
  );
  const failedArns = new Set(failedChildren.map((child) => child.executionArn));
  for (const [arn, types] of byChild) {
    const runs = types.filter((type) => type === 'ExecutionStarted').length;
    if (failedArns.has(arn)) {
      assert.equal(runs, 2, `${arn}: ${types.join(', ')}`);
      assert.deepEqual(
        [types[0], types.includes('ExecutionFailed'), types.at(-1)],
        ['ExecutionStarted', true, 'ExecutionSucceeded'],
      );
    } else {
      assert.equal(runs, 1, `${arn}: ${types.join(', ')}`);
      assert.deepEqual([types[0], types.at(-1)], ['ExecutionStarted', 'ExecutionSucceeded']);
    }
  }

  // `tsf describe-execution` of a re-run child: SUCCEEDED, with its output, in its Map Run.
  await expressChildrenListed(engine.sfn, mapRunArn, 100, 'SUCCEEDED');
  const rerun = failedChildren[0]!.executionArn;
  const described = (await tsf(['describe-execution', '--execution-arn', rerun])) as Record<string, string>;
  const id = (JSON.parse(described.input!) as { id: number }).id;
  assert.ok(FAILING.has(id), `input ${described.input}`);
  assert.deepEqual(
    [described.status, JSON.parse(described.output!), described.mapRunArn, described.error],
    ['SUCCEEDED', { id, processed: true }, mapRunArn, undefined],
  );

  // The console: the child's details read from its logs, its latest run.
  const page = await harness.newPage();
  await page.goto(`${harness.console.url}#/express-executions/${encodeURIComponent(rerun)}`);
  await waitForText(page, '[data-testid="execution-status"]', 'SUCCEEDED');
  await page.locator('[data-testid="event-table"] tr[data-event-type="ExecutionSucceeded"]').waitFor();
  await page.locator('[data-state="Price"][data-outcome="succeeded"]').waitFor();
  assert.equal(await page.locator('[data-testid="execution-error"]').count(), 0, 'no error of the failed run');
  await harness.screenshot(page, 'express-child-redriven-details');
  await page.close();
});
