/**
 * `tsf worker` as production runs it, each check on real worker processes: one worker with its default options
 * runs a 1,000-item Express Map Run at MaxConcurrency 1,000 with (nearly) every handler at once; SIGTERM lets a
 * running handler finish, or cancels it after --shutdown-grace so that it runs again elsewhere, and exits 0;
 * --metrics-port serves Prometheus metrics; two workers on one task queue share a Map Run.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StepFunctions } from '../../client';
import { findFreePort } from '../../scripts/dev-server/free-port';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { readHeldReports } from '../helpers/held-reports';
import { startWorkerProcess, type WorkerProcess } from '../helpers/processes';
import {
  describeWideMapRun,
  holdMap,
  HELD_HANDLERS,
  HOLD,
  heldReportsWhen,
  runWideMapRun,
  totalOf,
} from '../helpers/wide-map-run';

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
  const started = await startWorkerProcess(taskQueue, HELD_HANDLERS, {}, flags);
  workers.push(started);
  return started;
}

const oneTask = JSON.stringify({ StartAt: 'Hold', States: { Hold: { Type: 'Task', Resource: HOLD, End: true } } });

async function startMachine(sfn: StepFunctions, definition: string, input: unknown): Promise<string> {
  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('wp'), definition });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  return executionArn;
}

test('one worker with its defaults runs 1,000 Express handlers at once (MaxConcurrency 1,000)', async (t) => {
  const taskQueue = uniqueName('wp-wide');
  await worker(taskQueue);
  const run = await runWideMapRun(sfnOn(taskQueue));
  t.diagnostic(describeWideMapRun(run));
  // Starting 1,000 children within 2 s takes the dev server about 5 s of CPU: a machine busy with other work (the
  // load in the message) spreads the start-up and fewer overlap.
  assert.ok(run.maxRunning >= 900, `only ${run.maxRunning} handlers ran at once (${run.load})`);
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
  // Standard children: 200 child workflows and 200 Task activities to share (200 Express children would be about
  // 20 activities, groups of 10, too few to show a fair share).
  const items = Array.from({ length: 200 }, () => ({ ms: 300, reportDir }));
  const executionArn = await startMachine(sfn, holdMap(100, 'STANDARD'), { items });
  const described = await sfn.waitForExecution({ executionArn });
  assert.equal(described.status, 'SUCCEEDED', described.cause);

  const reports = await heldReportsWhen(reportDir, 'finished', 200);
  assert.equal(reports.length, 2, 'both workers ran handlers');
  for (const r of reports) assert.ok(r.calls > 0, `worker ${r.pid} ran ${r.calls} handlers`);
  assert.equal(totalOf(reports, 'calls'), 200);

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
  await heldReportsWhen(reportDir, 'running', 1);
  draining.child.kill('SIGTERM');
  assert.equal(await draining.exited, 0, draining.output());
  const [report] = readHeldReports(reportDir);
  assert.deepEqual([report!.finished, report!.cancelled], [1, 0], 'the handler finished');

  // Its result was kept: the next worker only finishes the workflow, the handler does not run again.
  await worker(taskQueue);
  assert.equal((await sfn.waitForExecution({ executionArn })).status, 'SUCCEEDED');
  assert.equal(totalOf(readHeldReports(reportDir), 'calls'), 1);
});

test('SIGTERM cancels handlers still running after --shutdown-grace, exits 0, and they run again elsewhere', async () => {
  const taskQueue = uniqueName('wp-grace');
  const sfn = sfnOn(taskQueue);
  const stopping = await worker(taskQueue, ['--shutdown-grace', '1s']);
  const reportDir = tempDir('wp-grace');
  // A retry after a cancelled attempt holds `retryMs` instead (see held-handlers.ts).
  const hold = { ms: 60_000, retryMs: 100, reportDir };
  const standard = await startMachine(sfn, oneTask, hold);
  const express = await startMachine(sfn, holdMap(1), { items: [hold] });
  await heldReportsWhen(reportDir, 'running', 2);
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
  const reports = await heldReportsWhen(reportDir, 'finished', 2);
  assert.equal(totalOf(reports, 'calls'), 4);
});
