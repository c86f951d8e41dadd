/**
 * Durability: SIGKILL the worker process in the middle of a multi-step execution, start a new one, and the
 * execution finishes; no step that had completed runs again.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StepFunctions } from '../../client';
import { callCount } from '../../examples/call-counter';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { startWorkerProcess, type WorkerProcess } from '../helpers/processes';

let engine: TestEngine;
const workers: WorkerProcess[] = [];
before(async () => {
  // The SDK side only: the workers are separate processes so that one can be killed for real.
  engine = await startTestEngine({ worker: false });
});
after(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await engine?.stop();
});

const STEPS = ['Step1', 'Step2', 'Step3', 'Step4'];

function stepsMachine(): string {
  const states: Record<string, unknown> = {};
  STEPS.forEach((step, i) => {
    states[step] = {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:000000000000:function:slow',
      Parameters: { seconds: 1, key: step, 'counterDir.$': '$.counterDir' },
      ResultPath: `$.results.${step}`,
      ...(i === STEPS.length - 1 ? { End: true } : { Next: STEPS[i + 1] }),
    };
  });
  return JSON.stringify({ StartAt: STEPS[0], States: states });
}

test('a killed worker is replaced and the execution finishes without re-running completed steps', async () => {
  const taskQueue = uniqueName('crash');
  const sfn = new StepFunctions({
    client: engine.client,
    taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
  });
  const counterDir = tempDir('crash');
  workers.push(await startWorkerProcess(taskQueue, ['examples/handlers.ts']));

  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('steps'), definition: stepsMachine() });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify({ counterDir }) });

  // Kill the worker once Step2 has completed and Step3 is under way.
  let completedBeforeKill: string[] = [];
  for (let i = 0; i < 300; i++) {
    const { events } = await sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
    const exited = events
      .filter((e) => e.type === 'TaskStateExited')
      .map((e) => (e.stateExitedEventDetails as { name: string }).name);
    if (exited.includes('Step2')) {
      completedBeforeKill = exited;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(completedBeforeKill.includes('Step2'), 'Step2 completed before the kill');
  workers[0]!.child.kill('SIGKILL');
  await workers[0]!.exited;

  workers.push(await startWorkerProcess(taskQueue, ['examples/handlers.ts']));
  const described = await sfn.waitForExecution({ executionArn });
  assert.equal(described.status, 'SUCCEEDED');
  const output = JSON.parse(described.output ?? '{}') as { results: Record<string, unknown> };
  assert.deepEqual(Object.keys(output.results), STEPS);

  for (const step of completedBeforeKill) assert.equal(callCount(counterDir, step), 1, `${step} ran once`);
  for (const step of STEPS) assert.ok(callCount(counterDir, step) >= 1, `${step} ran`);
  // Only the step in flight at the kill may have run a second time (its attempt was lost with the worker).
  const reRun = STEPS.filter((step) => callCount(counterDir, step) > 1);
  assert.ok(reRun.length <= 1, `re-run steps: ${reRun.join(', ')}`);
});
