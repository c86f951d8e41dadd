/**
 * The machine's TimeoutSeconds ends an execution TIMED_OUT; StopExecution ends one ABORTED with its error and cause.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

const slowMachine = (timeoutSeconds?: number) =>
  JSON.stringify({
    ...(timeoutSeconds ? { TimeoutSeconds: timeoutSeconds } : {}),
    StartAt: 'Slow',
    States: {
      Slow: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:slow', End: true },
    },
  });

test('TimeoutSeconds 2 around a slow Task ends TIMED_OUT with States.Timeout', async () => {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('timeout'),
    definition: slowMachine(2),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ seconds: 30 }) });
  const described = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(described.status, 'TIMED_OUT');
  // As on AWS, DescribeExecution has no error for TIMED_OUT; the history's ExecutionTimedOut has it.
  assert.equal(described.error, undefined);
  assert.equal(described.redriveStatus, 'REDRIVABLE');
  const elapsed = described.stopDate!.getTime() - described.startDate.getTime();
  assert.ok(elapsed >= 2000 && elapsed < 20_000, `closed after ${elapsed} ms`);
  const { events } = await engine.sfn.getExecutionHistory({ executionArn });
  const last = events.at(-1)!;
  assert.equal(last.type, 'ExecutionTimedOut');
  assert.deepEqual(last.executionTimedOutEventDetails, { error: 'States.Timeout' });
  assert.ok(events.some((e) => e.type === 'TaskStateAborted'));
});

test('stop-execution on a running execution ends ABORTED with the given error and cause', async () => {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('stop'),
    definition: slowMachine(),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ seconds: 60 }) });
  // Wait until the Task is really running before stopping it.
  for (let i = 0; i < 100; i++) {
    const { events } = await engine.sfn.getExecutionHistory({ executionArn });
    if (events.some((e) => e.type === 'LambdaFunctionStarted')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const { stopDate } = await engine.sfn.stopExecution({
    executionArn,
    error: 'Operator.Stop',
    cause: 'no longer needed',
  });
  const described = await engine.sfn.describeExecution({ executionArn });
  assert.equal(described.status, 'ABORTED');
  assert.equal(described.error, 'Operator.Stop');
  assert.equal(described.cause, 'no longer needed');
  assert.equal(described.stopDate?.getTime(), stopDate.getTime());
  assert.equal(described.redriveStatus, 'REDRIVABLE');
  const { events } = await engine.sfn.getExecutionHistory({ executionArn, reverseOrder: true, maxResults: 2 });
  assert.deepEqual(
    events.map((e) => e.type),
    ['ExecutionAborted', 'TaskStateAborted'],
  );
  assert.deepEqual(events[0]?.executionAbortedEventDetails, { error: 'Operator.Stop', cause: 'no longer needed' });
});

test('stopping an execution that already closed changes nothing', async () => {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('closed'),
    definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  const { stopDate } = await engine.sfn.stopExecution({ executionArn });
  assert.equal(stopDate.getTime(), done.stopDate?.getTime());
  assert.equal((await engine.sfn.describeExecution({ executionArn })).status, 'SUCCEEDED');
});
