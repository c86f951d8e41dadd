/**
 * Retry and Catch on a Task, against a real dev server: a handler that fails twice then succeeds.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import { callCount } from '../../examples/call-counter';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

function flakyMachine(maxAttempts: number) {
  return JSON.stringify({
    StartAt: 'CallFlaky',
    States: {
      CallFlaky: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:000000000000:function:flaky',
        Retry: [{ ErrorEquals: ['FlakyError'], MaxAttempts: maxAttempts, IntervalSeconds: 1, BackoffRate: 1 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Recovered' }],
        End: true,
      },
      Recovered: { Type: 'Pass', End: true },
    },
  });
}

async function run(maxAttempts: number, counterDir: string, key: string) {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('flaky'),
    definition: flakyMachine(maxAttempts),
  });
  const input = { key, failTimes: 2, counterDir };
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const described = await engine.sfn.waitForExecution({ executionArn });
  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  return { described, input, types: events.map((e) => e.type as string) };
}

test('a handler failing twice succeeds under Retry MaxAttempts 2', async () => {
  const counterDir = tempDir('retry');
  const { described, types } = await run(2, counterDir, 'ok');
  assert.equal(described.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(described.output ?? 'null'), { key: 'ok', calls: 3 });
  assert.equal(callCount(counterDir, 'ok'), 3);
  assert.deepEqual(types, [
    'ExecutionStarted',
    'TaskStateEntered',
    'LambdaFunctionScheduled',
    'LambdaFunctionStarted',
    'LambdaFunctionFailed',
    'LambdaFunctionScheduled',
    'LambdaFunctionStarted',
    'LambdaFunctionFailed',
    'LambdaFunctionScheduled',
    'LambdaFunctionStarted',
    'LambdaFunctionSucceeded',
    'TaskStateExited',
    'ExecutionSucceeded',
  ]);
});

test('with MaxAttempts 1 the second failure is caught and ResultPath places {Error, Cause}', async () => {
  const counterDir = tempDir('catch');
  const { described, input, types } = await run(1, counterDir, 'caught');
  assert.equal(described.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(described.output ?? 'null'), {
    ...input,
    failure: { Error: 'FlakyError', Cause: 'call 2 of caught fails on purpose' },
  });
  assert.equal(callCount(counterDir, 'caught'), 2);
  assert.deepEqual(types.slice(-5), [
    'LambdaFunctionFailed',
    'TaskStateExited',
    'PassStateEntered',
    'PassStateExited',
    'ExecutionSucceeded',
  ]);
});

test('an error no retrier or catcher matches fails the execution with that error and cause', async () => {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('uncaught'),
    definition: JSON.stringify({
      StartAt: 'Boom',
      States: {
        Boom: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'raiseException', Payload: {} },
          Retry: [{ ErrorEquals: ['SomethingElse'], MaxAttempts: 3 }],
          End: true,
        },
      },
    }),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn });
  const described = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(described.status, 'FAILED');
  assert.equal(described.error, 'Exception');
  assert.equal(described.cause, 'Some exception was raised.');
  assert.equal(described.redriveStatus, 'REDRIVABLE');
  const { events } = await engine.sfn.getExecutionHistory({ executionArn });
  assert.deepEqual(
    events.map((e) => e.type),
    ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed'],
  );
  assert.deepEqual(events[4]?.taskFailedEventDetails, {
    resourceType: 'lambda',
    resource: 'invoke',
    error: 'Exception',
    cause: 'Some exception was raised.',
  });
});
