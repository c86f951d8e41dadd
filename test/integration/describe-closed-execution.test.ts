/**
 * DescribeExecution of an execution whose workflow has closed (client/execution-description.ts): it answers from
 * the memo the execution wrote as it closed, so it needs no worker to replay the whole history, and it says exactly
 * what the execution's describe query says.
 */
import { ExpressChildRecords } from '../../activities/express/child-records';
import { createStorage } from '../../activities/storage';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { StepFunctions } from '../../client';
import { describeRaw } from '../../client/execution-description';
import * as handlers from '../../examples/handlers';
import { describeExecutionQuery } from '../../messages/execution';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const scope = { region: 'us-east-1', account: '000000000000' };

let engine: TestEngine;
let engineStopped = false;
/** An SDK on the same server with no worker anywhere for the executions' task queue once `engine` stops. */
let noWorker: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
  noWorker = await startTestEngine({ worker: false });
});
after(async () => {
  if (!engineStopped) await engine?.stop();
  await noWorker?.stop();
});

/** Resolves with `promise`, or fails the test if it has not settled after `ms` (a query waiting for a worker). */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The describe query as a worker answers it for the closed workflow (by replaying its history). */
function queried(executionArn: string) {
  return engine.client.workflow.getHandle(executionArn).query(describeExecutionQuery);
}

/** Gate fails until the switch file exists: the execution fails, is redriven, and succeeds. */
const gated = JSON.stringify({
  StartAt: 'Gate',
  States: {
    Gate: {
      Type: 'Task',
      Resource: fn('gated'),
      Parameters: { key: 'gate', 'switchFile.$': '$.switchFile', 'counterDir.$': '$.counterDir' },
      ResultPath: '$.gate',
      Next: 'Done',
    },
    Done: { Type: 'Pass', Parameters: { 'count.$': 'States.ArrayLength($.items)' }, End: true },
  },
});

test('closed executions are described from their memo, as their query describes them, with no worker running', async () => {
  // A redriven execution that succeeded, with an input of some size.
  const dir = tempDir('closed');
  const items = Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `item ${i}` }));
  const input = { counterDir: path.join(dir, 'calls'), switchFile: path.join(dir, 'switch'), items };
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('closed'), definition: gated });
  const succeeded = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  assert.equal((await engine.sfn.waitForExecution(succeeded)).status, 'FAILED');
  fs.writeFileSync(input.switchFile, 'open');
  await engine.sfn.redriveExecution(succeeded);
  assert.equal((await engine.sfn.waitForExecution(succeeded)).status, 'SUCCEEDED');
  await engine.client.workflow.getHandle(succeeded.executionArn).result();

  // A failed execution whose redrivable period ended: its workflow closed FAILED.
  const short = new StepFunctions({
    client: engine.client,
    taskQueue: engine.taskQueue,
    scope,
    redriveLimits: { redrivablePeriodMs: 1000, historyEventLimit: 24_999 },
  });
  const failing = JSON.stringify({
    StartAt: 'F',
    States: { F: { Type: 'Fail', Error: 'Broken', Cause: 'on purpose' } },
  });
  const failedMachine = await short.createStateMachine({ name: uniqueName('expired'), definition: failing });
  const expired = await short.startExecution({ stateMachineArn: failedMachine.stateMachineArn, input: '{"a":1}' });
  await assert.rejects(engine.client.workflow.getHandle(expired.executionArn).result(), {
    name: 'WorkflowFailedError',
  });

  const answers = new Map<string, unknown>();
  for (const { executionArn } of [succeeded, expired]) answers.set(executionArn, await queried(executionArn));
  const withWorker = await engine.sfn.describeExecution(succeeded);
  await engine.stop();
  engineStopped = true;

  // Nothing polls the executions' task queue now: a query of their closed workflows could not be answered.
  for (const { executionArn } of [succeeded, expired]) {
    const expressChildren = new ExpressChildRecords(createStorage());
    const ctx = { client: noWorker.client, taskQueue: noWorker.taskQueue, scope, defaultRoleArn: '', expressChildren };
    const raw = await within(15_000, `describing ${executionArn}`, describeRaw(ctx, executionArn));
    assert.deepEqual(raw, answers.get(executionArn));
  }
  const described = await within(15_000, 'DescribeExecution', noWorker.sfn.describeExecution(succeeded));
  assert.deepEqual(described, withWorker);
  assert.equal(described.status, 'SUCCEEDED');
  assert.equal(described.redriveCount, 1);
  assert.deepEqual(JSON.parse(described.input!), input);
  assert.deepEqual(JSON.parse(described.output!), { count: 2000 });

  const closedFailed = await within(15_000, 'DescribeExecution', noWorker.sfn.describeExecution(expired));
  assert.equal(closedFailed.status, 'FAILED');
  assert.equal(closedFailed.error, 'Broken');
  assert.equal(closedFailed.cause, 'on purpose');
  assert.equal(closedFailed.redriveStatus, 'NOT_REDRIVABLE');
  assert.equal(closedFailed.redriveStatusReason, 'Execution redrivable period exceeded');
});
