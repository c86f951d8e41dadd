/**
 * RedriveExecution of plain executions (sfn-spec §3, §13 behaviours 13-16): what re-runs, the events and fields,
 * the reasons an execution is not redrivable, idempotent client tokens, a fresh retry budget.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { StepFunctions } from '../../client';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** Prepare (counted) -> Gate (fails until the switch file exists) -> Done. */
function gatedMachine(retry?: object) {
  return JSON.stringify({
    StartAt: 'Prepare',
    States: {
      Prepare: {
        Type: 'Task',
        Resource: fn('flaky'),
        Parameters: { key: 'prepare', failTimes: 0, 'counterDir.$': '$.counterDir' },
        ResultPath: '$.prepared',
        Next: 'Gate',
      },
      Gate: {
        Type: 'Task',
        Resource: fn('gated'),
        Parameters: { key: 'gate', 'switchFile.$': '$.switchFile', 'counterDir.$': '$.counterDir' },
        ResultPath: '$.gate',
        ...(retry ? { Retry: [retry] } : {}),
        Next: 'Done',
      },
      Done: { Type: 'Pass', Parameters: { 'redriveCount.$': '$$.Execution.RedriveCount' }, End: true },
    },
  });
}

async function failedExecution(retry?: object) {
  const dir = tempDir('redrive');
  const input = { counterDir: path.join(dir, 'calls'), switchFile: path.join(dir, 'switch') };
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('redrive'),
    definition: gatedMachine(retry),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.status, 'FAILED');
  return { stateMachineArn, executionArn, input };
}

test('a FAILED execution is REDRIVABLE; after the fix a redrive re-runs only the failed state and succeeds', async () => {
  const { stateMachineArn, executionArn, input } = await failedExecution();
  const failed = await engine.sfn.describeExecution({ executionArn });
  assert.equal(failed.redriveStatus, 'REDRIVABLE');
  assert.equal(failed.redriveStatusReason, undefined);
  assert.equal(failed.error, 'GateClosed');

  fs.writeFileSync(input.switchFile, 'on');
  const { redriveDate } = await engine.sfn.redriveExecution({ executionArn });
  assert.ok(redriveDate instanceof Date);
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED');
  assert.equal(done.redriveCount, 1);
  assert.equal(done.redriveDate?.getTime(), redriveDate.getTime());
  assert.deepEqual(JSON.parse(done.output!), { redriveCount: 1 });
  assert.equal(callCount(input.counterDir, 'prepare'), 1, 'the state before the failed one is not run again');
  assert.equal(callCount(input.counterDir, 'gate'), 2);

  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  const types = events.map((e) => e.type);
  const failedAt = types.indexOf('ExecutionFailed');
  assert.deepEqual(types.slice(failedAt, failedAt + 3), ['ExecutionFailed', 'ExecutionRedriven', 'TaskStateEntered']);
  assert.deepEqual(events[failedAt + 1]?.executionRedrivenEventDetails, { redriveCount: 1 });
  assert.equal((events[failedAt + 2]?.stateEnteredEventDetails as { name: string }).name, 'Gate');
  assert.equal(types.filter((t) => t === 'ExecutionStarted').length, 1);
  assert.equal(types.at(-1), 'ExecutionSucceeded');

  await waitForVisibility(async () => {
    const redriven = await engine.sfn.listExecutions({ stateMachineArn, redriveFilter: 'REDRIVEN' });
    const notRedriven = await engine.sfn.listExecutions({ stateMachineArn, redriveFilter: 'NOT_REDRIVEN' });
    return (
      redriven.executions.length === 1 &&
      redriven.executions[0]?.redriveCount === 1 &&
      notRedriven.executions.length === 0
    );
  });
});

describe('what cannot be redriven (behaviours 13 and 14)', () => {
  test('a SUCCEEDED execution', async () => {
    const { stateMachineArn } = await engine.sfn.createStateMachine({
      name: uniqueName('ok'),
      definition: JSON.stringify({ StartAt: 'Ok', States: { Ok: { Type: 'Succeed' } } }),
    });
    const { executionArn } = await engine.sfn.startExecution({ stateMachineArn });
    const done = await engine.sfn.waitForExecution({ executionArn });
    assert.equal(done.redriveStatus, 'NOT_REDRIVABLE');
    assert.equal(done.redriveStatusReason, 'Execution is SUCCEEDED and cannot be redriven');
    await assert.rejects(engine.sfn.redriveExecution({ executionArn }), {
      name: 'ExecutionNotRedrivable',
      message: 'Execution is SUCCEEDED and cannot be redriven',
    });
  });

  test('an execution that does not exist', async () => {
    // Checked by the redrive itself now (no describe before it): the answer is DescribeExecution's.
    const executionArn = 'arn:aws:states:us-east-1:000000000000:execution:no-such-machine:no-such-execution';
    await assert.rejects(engine.sfn.redriveExecution({ executionArn }), { name: 'ExecutionDoesNotExist' });
  });

  test('a RUNNING execution', async () => {
    const { stateMachineArn } = await engine.sfn.createStateMachine({
      name: uniqueName('running'),
      definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 30, End: true } } }),
    });
    const { executionArn } = await engine.sfn.startExecution({ stateMachineArn });
    const running = await engine.sfn.describeExecution({ executionArn });
    assert.equal(running.redriveStatusReason, 'Execution is RUNNING and cannot be redriven');
    await assert.rejects(engine.sfn.redriveExecution({ executionArn }), {
      name: 'ExecutionNotRedrivable',
      message: 'Execution is RUNNING and cannot be redriven',
    });
    await engine.sfn.stopExecution({ executionArn });
  });

  test('past the redrivable period, and at the history event limit (limits lowered for the test)', async () => {
    const short = new StepFunctions({
      client: engine.client,
      taskQueue: engine.taskQueue,
      scope: { region: 'us-east-1', account: '000000000000' },
      redriveLimits: { redrivablePeriodMs: 1500, historyEventLimit: 24_999 },
    });
    const definition = JSON.stringify({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } });
    const { stateMachineArn } = await short.createStateMachine({ name: uniqueName('period'), definition });
    const { executionArn } = await short.startExecution({ stateMachineArn });
    assert.equal((await short.waitForExecution({ executionArn })).redriveStatus, 'REDRIVABLE');
    await new Promise((r) => setTimeout(r, 2500));
    const expired = await short.describeExecution({ executionArn });
    assert.equal(expired.redriveStatus, 'NOT_REDRIVABLE');
    assert.equal(expired.redriveStatusReason, 'Execution redrivable period exceeded');
    await assert.rejects(short.redriveExecution({ executionArn }), {
      name: 'ExecutionNotRedrivable',
      message: 'Execution redrivable period exceeded',
    });

    const tiny = new StepFunctions({
      client: engine.client,
      taskQueue: engine.taskQueue,
      scope: { region: 'us-east-1', account: '000000000000' },
      redriveLimits: { redrivablePeriodMs: 60_000, historyEventLimit: 3 },
    });
    const big = await tiny.startExecution({ stateMachineArn });
    const limited = await tiny.waitForExecution(big);
    assert.equal(limited.redriveStatusReason, 'Execution history event limit exceeded');
    await assert.rejects(tiny.redriveExecution(big), {
      name: 'ExecutionNotRedrivable',
      message: 'Execution history event limit exceeded',
    });
  });
});

test('two RedriveExecution calls with the same clientToken redrive once and answer the same date (behaviour 15)', async () => {
  const { executionArn } = await failedExecution();
  const first = await engine.sfn.redriveExecution({ executionArn, clientToken: 'token-1' });
  const second = await engine.sfn.redriveExecution({ executionArn, clientToken: 'token-1' });
  assert.equal(second.redriveDate.getTime(), first.redriveDate.getTime());
  const again = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(again.status, 'FAILED');
  assert.equal(again.redriveCount, 1);
});

test('a redriven Task gets its full retry budget again (behaviour 16)', async () => {
  const { executionArn, input } = await failedExecution({
    ErrorEquals: ['GateClosed'],
    MaxAttempts: 2,
    IntervalSeconds: 1,
    BackoffRate: 1,
  });
  assert.equal(callCount(input.counterDir, 'gate'), 3);
  await engine.sfn.redriveExecution({ executionArn });
  const again = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(again.status, 'FAILED');
  assert.equal(callCount(input.counterDir, 'gate'), 6, '1 + 2 retries before, 1 + 2 again after the redrive');
});

async function waitForVisibility(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('visibility did not catch up within 10 s');
}
