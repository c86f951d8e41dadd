// #12's 1,000-handler check on the cluster over mTLS: one `tsf worker` with its default options runs a Distributed
// Map of 1,000 EXPRESS items at MaxConcurrency 1,000 whose handler holds 2 s, and at least 900 of the handlers run
// at once, as the handler itself counts them (test/helpers/held-handlers.ts). The same check runs on the dev server
// in test/integration/worker-production.test.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StepFunctions } from '../../client';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { startWorkerProcess, type WorkerProcess } from '../helpers/processes';
import { describeWideMapRun, HELD_HANDLERS, runWideMapRun } from '../helpers/wide-map-run';

let engine: TestEngine;
let worker: WorkerProcess | undefined;
before(async () => {
  engine = await startTestEngine({ worker: false });
});
after(async () => {
  worker?.child.kill('SIGKILL');
  await worker?.exited;
  await engine?.stop();
});

test('one worker with its defaults runs 1,000 Express handlers at once on the cluster (MaxConcurrency 1,000)', async (t) => {
  const taskQueue = uniqueName('wide');
  worker = await startWorkerProcess(taskQueue, HELD_HANDLERS);
  const sfn = new StepFunctions({
    client: engine.client,
    taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
  });
  const run = await runWideMapRun(sfn);
  t.diagnostic(describeWideMapRun(run));
  assert.ok(run.maxRunning >= 900, `only ${run.maxRunning} handlers ran at once (${run.load})`);
});
