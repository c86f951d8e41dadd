/**
 * waitForExecution watches an execution through what Temporal records of its workflow (client/execution-status.ts),
 * not through the execution's describe query: while no worker runs, it still keeps to its timeout, and it describes
 * the execution once, when it has ended.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';

let engine: TestEngine;
let engineStopped = false;
/** An SDK on the same server; nothing polls the executions' task queue once `engine` stops. */
let noWorker: TestEngine;
before(async () => {
  engine = await startTestEngine();
  noWorker = await startTestEngine({ worker: false });
});
after(async () => {
  if (!engineStopped) await engine?.stop();
  await noWorker?.stop();
});

test('with no worker running, waitForExecution of a running execution ends at its timeout', async () => {
  const definition = JSON.stringify({ StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 600, End: true } } });
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('held'), definition });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn });
  await engine.stop();
  engineStopped = true;
  try {
    let timer: NodeJS.Timeout | undefined;
    const noAnswer = new Promise<'no answer'>((resolve) => {
      timer = setTimeout(() => resolve('no answer'), 15_000);
    });
    const waited = noWorker.sfn.waitForExecution({ executionArn }, { timeoutMs: 2000 }).then(
      () => 'ended',
      (error: unknown) => (error as Error).message,
    );
    const outcome = await Promise.race([waited, noAnswer]).finally(() => clearTimeout(timer));
    assert.equal(outcome, `${executionArn} still RUNNING after 2000 ms`);
  } finally {
    await noWorker.client.workflow.getHandle(executionArn).terminate('the test is done with it');
  }
});
