/**
 * `tsf worker` as production runs it, each check on real worker processes: one worker with its default options
 * runs a 1,000-item Express Map Run at MaxConcurrency 1,000 with (nearly) every handler at once; SIGTERM lets a
 * running handler finish, or cancels it after --shutdown-grace so that it runs again elsewhere, and exits 0;
 * --metrics-port serves Prometheus metrics; two workers on one task queue share a Map Run.
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, test } from 'node:test';
import { StepFunctions } from '../../client';
import { findFreePort } from '../../scripts/dev-server/free-port';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { readHeldReports, type HeldReport } from '../helpers/held-reports';
import { pollUntil } from '../helpers/poll';
import { startWorkerProcess, type WorkerProcess } from '../helpers/processes';

const HANDLERS = ['test/helpers/held-handlers.ts'];
const HOLD = 'arn:aws:lambda:us-east-1:000000000000:function:hold';

let engine: TestEngine;
const workers: WorkerProcess[] = [];
before(async () => {
  engine = await startTestEngine({ worker: false });
});
after(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await engine?.stop();
});

function sfnOn(taskQueue: string): StepFunctions {
  return new StepFunctions({
    client: engine.client,
    taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
  });
}

async function worker(taskQueue: string, flags: string[] = []): Promise<WorkerProcess> {
  const started = await startWorkerProcess(taskQueue, HANDLERS, {}, flags);
  workers.push(started);
  return started;
}

function expressMap(maxConcurrency: number): string {
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: maxConcurrency,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Hold',
          States: { Hold: { Type: 'Task', Resource: HOLD, End: true } },
        },
        ResultSelector: { 'count.$': 'States.ArrayLength($)' },
        End: true,
      },
    },
  });
}

const oneTask = JSON.stringify({ StartAt: 'Hold', States: { Hold: { Type: 'Task', Resource: HOLD, End: true } } });

async function startMachine(sfn: StepFunctions, definition: string, input: unknown): Promise<string> {
  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('wp'), definition });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  return executionArn;
}

const total = (reports: HeldReport[], key: keyof HeldReport) => reports.reduce((sum, r) => sum + r[key], 0);

/** The reports once `key` adds up to at least `n` over every worker (they are written every 200 ms at most). */
function reportsWhen(reportDir: string, key: keyof HeldReport, n: number) {
  return pollUntil(async () => {
    const reports = readHeldReports(reportDir);
    return total(reports, key) >= n ? reports : undefined;
  }, `${key} to reach ${n}`);
}

test('one worker with its defaults runs 1,000 Express handlers at once (MaxConcurrency 1,000)', async (t) => {
  const taskQueue = uniqueName('wp-wide');
  const sfn = sfnOn(taskQueue);
  await worker(taskQueue);
  const reportDir = tempDir('wp-wide');
  const items = Array.from({ length: 1000 }, () => ({ ms: 2000, reportDir }));
  const started = Date.now();
  const executionArn = await startMachine(sfn, expressMap(1000), { items });
  const described = await sfn.waitForExecution({ executionArn });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(described.status, 'SUCCEEDED', described.cause);
  const { mapRunArn } = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  const mapRun = await sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.status, 'SUCCEEDED');
  assert.equal(mapRun.executionCounts.succeeded, 1000);

  // The last write of the handler's counters may come just after the Map Run ends.
  const [report] = await reportsWhen(reportDir, 'finished', 1000);
  assert.equal(report!.calls, 1000);
  const spread = (report!.lastStart - report!.firstStart) / 1000;
  const cpu = (report!.cpuMs - report!.cpuMsAtFirstStart) / 1000;
  t.diagnostic(
    `1,000 Express children holding 2 s: ${report!.maxRunning} handlers at once, started over ${spread.toFixed(1)} s; ` +
      `the execution took ${seconds.toFixed(1)} s; the worker used ${cpu.toFixed(1)} s of CPU`,
  );
  // Starting 1,000 children within 2 s takes the dev server about 5 s of CPU: a machine busy with other work (the
  // load below) spreads the start-up and fewer overlap.
  const load = `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`;
  assert.ok(report!.maxRunning >= 900, `only ${report!.maxRunning} handlers ran at once (${load})`);
});

test('two workers on one task queue share a Map Run; --metrics-port serves Prometheus; logs carry the identity', async () => {
  const taskQueue = uniqueName('wp-share');
  const sfn = sfnOn(taskQueue);
  const metricsPort = await findFreePort();
  const [first] = await Promise.all([
    worker(taskQueue, ['--identity', 'wp-first', '--metrics-port', String(metricsPort)]),
    worker(taskQueue),
  ]);
  const reportDir = tempDir('wp-share');
  const items = Array.from({ length: 200 }, () => ({ ms: 300, reportDir }));
  const executionArn = await startMachine(sfn, expressMap(100), { items });
  const described = await sfn.waitForExecution({ executionArn });
  assert.equal(described.status, 'SUCCEEDED', described.cause);

  const reports = await reportsWhen(reportDir, 'finished', 200);
  assert.equal(reports.length, 2, 'both workers ran handlers');
  for (const r of reports) assert.ok(r.calls > 0, `worker ${r.pid} ran ${r.calls} handlers`);
  assert.equal(total(reports, 'calls'), 200);

  const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  assert.match(metrics, /^temporal_\w+/m);
  assert.match(metrics, /temporal_activity_execution_latency/);
  assert.match(first.output(), /\[wp-first\] Worker ready/);
});

test('SIGTERM lets a running handler finish and exits 0; the execution succeeds', async () => {
  const taskQueue = uniqueName('wp-drain');
  const sfn = sfnOn(taskQueue);
  const draining = await worker(taskQueue);
  const reportDir = tempDir('wp-drain');
  const executionArn = await startMachine(sfn, oneTask, { ms: 3000, reportDir });
  await reportsWhen(reportDir, 'running', 1);
  draining.child.kill('SIGTERM');
  assert.equal(await draining.exited, 0, draining.output());
  const [report] = readHeldReports(reportDir);
  assert.deepEqual([report!.finished, report!.cancelled], [1, 0], 'the handler finished');

  // Its result was kept: the next worker only finishes the workflow, the handler does not run again.
  await worker(taskQueue);
  assert.equal((await sfn.waitForExecution({ executionArn })).status, 'SUCCEEDED');
  assert.equal(total(readHeldReports(reportDir), 'calls'), 1);
});

test('SIGTERM cancels handlers still running after --shutdown-grace, exits 0, and they run again elsewhere', async () => {
  const taskQueue = uniqueName('wp-grace');
  const sfn = sfnOn(taskQueue);
  const stopping = await worker(taskQueue, ['--shutdown-grace', '1s']);
  const reportDir = tempDir('wp-grace');
  // A retry after a cancelled attempt holds `retryMs` instead (see held-handlers.ts).
  const hold = { ms: 60_000, retryMs: 100, reportDir };
  const standard = await startMachine(sfn, oneTask, hold);
  const express = await startMachine(sfn, expressMap(1), { items: [hold] });
  await reportsWhen(reportDir, 'running', 2);
  const signalled = Date.now();
  stopping.child.kill('SIGTERM');
  assert.equal(await stopping.exited, 0, stopping.output());
  assert.ok(Date.now() - signalled < 15_000, 'stopped soon after the grace');
  const [report] = readHeldReports(reportDir);
  assert.deepEqual([report!.finished, report!.cancelled], [0, 2], 'both handlers were cancelled');

  await worker(taskQueue);
  for (const executionArn of [standard, express]) {
    const described = await sfn.waitForExecution({ executionArn });
    assert.equal(described.status, 'SUCCEEDED', described.cause);
  }
  // Each ran again on the other worker and finished there.
  const reports = await reportsWhen(reportDir, 'finished', 2);
  assert.equal(total(reports, 'calls'), 4);
});
