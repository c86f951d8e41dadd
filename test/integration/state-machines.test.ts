/**
 * The state machine registry: create, describe, update, list, delete, and the rule that an update never reaches
 * an execution that already started.
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

const passMachine = (result: string, waitSeconds = 0) =>
  JSON.stringify({
    StartAt: 'Wait',
    States: {
      Wait: { Type: 'Wait', Seconds: waitSeconds, Next: 'Answer' },
      Answer: { Type: 'Pass', Result: result, End: true },
    },
  });

test('create, describe, update, list and delete a state machine', async () => {
  const name = uniqueName('registry');
  const definition = passMachine('v1');
  const { stateMachineArn, creationDate } = await engine.sfn.createStateMachine({ name, definition });
  assert.equal(stateMachineArn, `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`);

  const described = await engine.sfn.describeStateMachine({ stateMachineArn });
  assert.equal(described.name, name);
  assert.equal(described.status, 'ACTIVE');
  assert.equal(described.type, 'STANDARD');
  assert.equal(described.definition, definition);
  assert.equal(described.creationDate.getTime(), creationDate.getTime());

  // The same create again is idempotent; a different definition under the same name is refused.
  assert.equal((await engine.sfn.createStateMachine({ name, definition })).stateMachineArn, stateMachineArn);
  await assert.rejects(engine.sfn.createStateMachine({ name, definition: passMachine('other') }), {
    name: 'StateMachineAlreadyExists',
  });

  const roleArn = 'arn:aws:iam::000000000000:role/reader';
  const updated = await engine.sfn.updateStateMachine({ stateMachineArn, definition: passMachine('v2'), roleArn });
  assert.ok(updated.updateDate instanceof Date);
  const after = await engine.sfn.describeStateMachine({ stateMachineArn });
  assert.equal(after.definition, passMachine('v2'));
  assert.equal(after.roleArn, roleArn);
  assert.notEqual(after.revisionId, described.revisionId);

  await waitFor(async () => (await listAll()).includes(stateMachineArn));
  await engine.sfn.deleteStateMachine({ stateMachineArn });
  await assert.rejects(engine.sfn.describeStateMachine({ stateMachineArn }), { name: 'StateMachineDoesNotExist' });
  await waitFor(async () => !(await listAll()).includes(stateMachineArn));
  await assert.rejects(engine.sfn.startExecution({ stateMachineArn }), { name: 'StateMachineDoesNotExist' });
});

test('an update of the state machine never changes a running execution', async () => {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('pinned'),
    definition: passMachine('old', 2),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn });
  await engine.sfn.updateStateMachine({ stateMachineArn, definition: passMachine('new') });
  const first = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(first.output, '"old"');
  const second = await engine.sfn.startExecution({ stateMachineArn });
  assert.equal((await engine.sfn.waitForExecution(second)).output, '"new"');
});

test('execution names: reuse is ExecutionAlreadyExists, bad names and ARNs are refused', async () => {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('names'),
    definition: passMachine('x'),
  });
  const started = await engine.sfn.startExecution({ stateMachineArn, name: 'once', input: '{"a":1}' });
  await engine.sfn.waitForExecution(started);
  await assert.rejects(engine.sfn.startExecution({ stateMachineArn, name: 'once', input: '{"a":1}' }), {
    name: 'ExecutionAlreadyExists',
  });
  await assert.rejects(engine.sfn.startExecution({ stateMachineArn, name: 'has space' }), { name: 'InvalidName' });
  await assert.rejects(engine.sfn.startExecution({ stateMachineArn, input: '{not json' }), {
    name: 'InvalidExecutionInput',
  });
  await assert.rejects(engine.sfn.describeExecution({ executionArn: 'arn:aws:states:nowhere' }), {
    name: 'InvalidArn',
  });
  await assert.rejects(
    engine.sfn.startExecution({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:none' }),
    {
      name: 'StateMachineDoesNotExist',
    },
  );
  await assert.rejects(engine.sfn.getExecutionHistory({ executionArn: started.executionArn, maxResults: 5000 }), {
    name: 'ValidationException',
  });
});

test('ListExecutions filters by status and pages newest first; GetExecutionHistory pages both ways', async () => {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('list'),
    definition: JSON.stringify({
      StartAt: 'Decide',
      States: {
        Decide: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Fail' }], Default: 'Ok' },
        Fail: { Type: 'Fail', Error: 'Asked', Cause: 'input said so' },
        Ok: { Type: 'Succeed' },
      },
    }),
  });
  const arns: string[] = [];
  for (const fail of [false, true, false]) {
    const started = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ fail }) });
    await engine.sfn.waitForExecution(started);
    arns.push(started.executionArn);
  }
  await waitFor(
    async () =>
      (await engine.sfn.listExecutions({ stateMachineArn, statusFilter: 'SUCCEEDED' })).executions.length === 2,
  );
  const failed = await engine.sfn.listExecutions({ stateMachineArn, statusFilter: 'FAILED' });
  assert.deepEqual(
    failed.executions.map((e) => e.executionArn),
    [arns[1]],
  );
  assert.equal(failed.executions[0]?.status, 'FAILED');

  const page1 = await engine.sfn.listExecutions({ stateMachineArn, maxResults: 2 });
  assert.deepEqual(
    page1.executions.map((e) => e.executionArn),
    [arns[2], arns[1]],
  );
  assert.ok(page1.nextToken);
  const page2 = await engine.sfn.listExecutions({ stateMachineArn, maxResults: 2, nextToken: page1.nextToken });
  assert.deepEqual(
    page2.executions.map((e) => e.executionArn),
    [arns[0]],
  );
  assert.equal(page2.nextToken, undefined);
  await assert.rejects(engine.sfn.listExecutions({ stateMachineArn, nextToken: 'garbage' }), { name: 'InvalidToken' });

  const executionArn = arns[1]!;
  const all = (await engine.sfn.getExecutionHistory({ executionArn })).events.map((e) => e.type);
  assert.deepEqual(all, [
    'ExecutionStarted',
    'ChoiceStateEntered',
    'ChoiceStateExited',
    'FailStateEntered',
    'ExecutionFailed',
  ]);
  const first = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 3 });
  const rest = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 3, nextToken: first.nextToken });
  assert.deepEqual(
    [...first.events, ...rest.events].map((e) => e.type),
    all,
  );
  const reversed = await engine.sfn.getExecutionHistory({ executionArn, reverseOrder: true, maxResults: 2 });
  assert.deepEqual(
    reversed.events.map((e) => e.id),
    [5, 4],
  );
  const noData = await engine.sfn.getExecutionHistory({ executionArn, includeExecutionData: false });
  assert.deepEqual(noData.events[0]?.executionStartedEventDetails, {
    inputDetails: { truncated: false },
    roleArn: 'arn:aws:iam::000000000000:role/temporal-step-functions-unrestricted',
  });
  assert.deepEqual(noData.events.at(-1)?.executionFailedEventDetails, { error: 'Asked', cause: 'input said so' });
});

async function listAll(): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await engine.sfn.listStateMachines({ maxResults: 1000, nextToken });
    arns.push(...page.stateMachines.map((m) => m.stateMachineArn));
    nextToken = page.nextToken;
  } while (nextToken);
  return arns;
}

/** Visibility (ListStateMachines, ListExecutions) is eventually consistent: wait up to 10 s for it. */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('visibility did not catch up within 10 s');
}
