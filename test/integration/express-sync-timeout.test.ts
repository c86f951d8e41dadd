/**
 * #14 acceptance: StartSyncExecution of an EXPRESS state machine that runs past Express's time limit (5 minutes in
 * Step Functions, lowered here to 1.5 s) answers TIMED_OUT with States.Timeout, without an output, and the run is
 * cut where it was (the handler after the wait never runs).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';

let reached = 0;
async function afterTheWait(): Promise<string> {
  reached++;
  return 'too late';
}

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers: { afterTheWait }, expressTimeLimitMs: 1500 });
});
after(() => engine?.stop());

test('StartSyncExecution past the Express time limit answers TIMED_OUT with States.Timeout', async () => {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('sync-slow'),
    type: 'EXPRESS',
    definition: JSON.stringify({
      StartAt: 'Wait',
      States: {
        Wait: { Type: 'Wait', Seconds: 4, Next: 'Late' },
        Late: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:afterTheWait', End: true },
      },
    }),
  });
  const answer = await engine.sfn.startSyncExecution({ stateMachineArn, input: '{}' });

  assert.deepEqual(
    { status: answer.status, error: answer.error, output: answer.output },
    { status: 'TIMED_OUT', error: 'States.Timeout', output: undefined },
  );
  assert.ok(answer.stopDate.getTime() - answer.startDate.getTime() >= 1500);
  assert.equal(reached, 0, 'the state after the wait never ran');
});
