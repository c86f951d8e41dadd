/**
 * RedriveExecution as a `redrive` signal, sent with the Temporal CLI as an operator would: the server keeps it while
 * no worker runs, the execution applies the update's rules when a worker takes it, a repeated clientToken redrives
 * once, and a refused signal is recorded where DescribeExecution shows it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { StepFunctions } from '../../client';
import { callCount } from '../../examples/call-counter';
import { startTestEngine, testAddress, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';
import { runCommand, startWorkerProcess, type WorkerProcess } from '../helpers/processes';

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

let engine: TestEngine;
const workers: WorkerProcess[] = [];
before(async () => {
  engine = await startTestEngine({ worker: false });
});
after(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await engine?.stop();
});

/** `temporal workflow signal --name redrive`, with `input` as its JSON input when given. */
async function signalRedrive(executionArn: string, input?: unknown) {
  const args = ['workflow', 'signal', '--address', testAddress(), '--workflow-id', executionArn, '--name', 'redrive'];
  if (input !== undefined) args.push('--input', JSON.stringify(input));
  const result = await runCommand(process.env.TEMPORAL_CLI ?? 'temporal', args, {
    cwd: process.cwd(),
    env: process.env,
  });
  assert.equal(result.code, 0, result.stderr);
}

async function startWorker(taskQueue: string): Promise<WorkerProcess> {
  const worker = await startWorkerProcess(taskQueue, ['examples/handlers.ts']);
  workers.push(worker);
  return worker;
}

test('a redrive signal sent while no worker runs is kept; sent twice with one clientToken it redrives once', async () => {
  const taskQueue = uniqueName('signal');
  const sfn = new StepFunctions({
    client: engine.client,
    taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
  });
  const dir = tempDir('redrive-signal');
  const switchFile = path.join(dir, 'fixed');
  const definition = JSON.stringify({
    StartAt: 'Gate',
    States: {
      Gate: {
        Type: 'Task',
        Resource: fn('gated'),
        Parameters: { key: 'gate', switchFile, counterDir: dir },
        End: true,
      },
    },
  });
  const first = await startWorker(taskQueue);
  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('signal'), definition });
  const { executionArn } = await sfn.startExecution({ stateMachineArn });
  const failed = await sfn.waitForExecution({ executionArn });
  assert.deepEqual([failed.status, failed.redriveStatus], ['FAILED', 'REDRIVABLE']);

  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0);
  fs.writeFileSync(switchFile, 'fixed');
  // The server takes both while no worker runs (the CLI exits 0); the execution sees them when a worker is back.
  await signalRedrive(executionArn, { clientToken: 'fix-1' });
  await signalRedrive(executionArn, { clientToken: 'fix-1' });

  await startWorker(taskQueue);
  const done = await sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', done.cause);
  assert.equal(done.redriveCount, 1, 'the repeated clientToken redrove nothing');
  assert.equal(done.refusedRedriveSignal, undefined);
  assert.equal(callCount(dir, 'gate'), 2, 'the Task ran at first and once after the redrive');
});

test('a redrive signal the execution may not take is refused and recorded in DescribeExecution', async () => {
  await startWorker(engine.taskQueue);
  const definition = JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 60, End: true } } });
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('signal-refused'), definition });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn });
  await signalRedrive(executionArn);
  const described = await pollUntil(async () => {
    const d = await engine.sfn.describeExecution({ executionArn });
    return d.refusedRedriveSignal ? d : undefined;
  }, 'the refusal to be recorded');
  assert.equal(described.status, 'RUNNING');
  assert.equal(described.redriveCount, 0);
  assert.equal(
    described.refusedRedriveSignal!.reason,
    'ExecutionNotRedrivable: Execution is RUNNING and cannot be redriven',
  );
  assert.ok(described.refusedRedriveSignal!.date instanceof Date);
  await engine.sfn.stopExecution({ executionArn });
});
