/**
 * Issue #15: the actions the seed story does not use, through `@aws-sdk/client-sfn` and `@aws-sdk/client-iam`
 * pointed at the API: a state machine's life (create, describe, update, list in pages, delete), a running Map Run
 * changed with UpdateMapRun and its execution stopped, the history newest first, and IAM's policy listing in pages
 * and DeleteRolePolicy. Each answer is checked against what our SDK says.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DeleteRolePolicyCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeMapRunCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  UpdateMapRunCommand,
  UpdateStateMachineCommand,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { useTestApi } from '../helpers/api-server';
import { uniqueName } from '../helpers/engine';

const t = useTestApi();

const ROLE = 'arn:aws:iam::000000000000:role/temporal-step-functions-unrestricted';
const pass = (name: string) => JSON.stringify({ StartAt: name, States: { [name]: { Type: 'Pass', End: true } } });

test("a state machine's life: create, describe, update, list in pages, delete", async () => {
  const name = uniqueName('api-life');
  const { stateMachineArn } = await t.sfn.send(
    new CreateStateMachineCommand({ name, definition: pass('A'), roleArn: ROLE }),
  );
  const described = await t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
  const ours = await t.engine.sfn.describeStateMachine({ stateMachineArn: stateMachineArn! });
  assert.deepEqual(
    [described.name, described.definition, described.roleArn, described.type, described.status, described.revisionId],
    [ours.name, ours.definition, ours.roleArn, ours.type, ours.status, ours.revisionId],
  );
  assert.equal(described.creationDate!.getTime(), ours.creationDate.getTime());

  const updated = await t.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: pass('B') }));
  assert.ok(updated.updateDate instanceof Date);
  const after = await t.engine.sfn.describeStateMachine({ stateMachineArn: stateMachineArn! });
  assert.equal(after.definition, pass('B'));
  assert.equal(updated.revisionId, after.revisionId);

  // Paged one at a time, the listing holds it.
  const seen: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await t.sfn.send(new ListStateMachinesCommand({ maxResults: 1, nextToken }));
    assert.ok(page.stateMachines!.length <= 1);
    seen.push(...page.stateMachines!.map((m) => m.stateMachineArn!));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  assert.ok(seen.includes(stateMachineArn!));
  assert.deepEqual(
    seen,
    (await t.engine.sfn.listStateMachines({ maxResults: 1000 })).stateMachines.map((m) => m.stateMachineArn),
  );

  await t.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  await assert.rejects(t.engine.sfn.describeStateMachine({ stateMachineArn: stateMachineArn! }), {
    name: 'StateMachineDoesNotExist',
  });
  await assert.rejects(t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn })), StateMachineDoesNotExist);
});

test('a running Map Run: UpdateMapRun changes it, StopExecution aborts it, the history reads newest first', async () => {
  const definition = JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: 1,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Hold',
          States: { Hold: { Type: 'Wait', Seconds: 60, End: true } },
        },
        End: true,
      },
    },
  });
  const { stateMachineArn } = await t.sfn.send(
    new CreateStateMachineCommand({ name: uniqueName('api-control'), definition, roleArn: ROLE }),
  );
  const { executionArn } = await t.sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items: [1, 2, 3, 4] }) }),
  );
  let mapRunArn: string | undefined;
  for (let tries = 0; mapRunArn === undefined && tries < 100; tries++) {
    mapRunArn = (await t.sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns![0]?.mapRunArn;
    if (mapRunArn === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(mapRunArn, 'the Map Run started');

  await t.sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 3, toleratedFailureCount: 2 }));
  const changed = await t.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
  assert.equal(changed.status, 'RUNNING');
  assert.equal(changed.maxConcurrency, 3);
  assert.equal(changed.toleratedFailureCount, 2);
  const ours = await t.engine.sfn.describeMapRun({ mapRunArn });
  assert.deepEqual([ours.maxConcurrency, ours.toleratedFailureCount], [3, 2]);

  const stopped = await t.sfn.send(new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'enough' }));
  assert.ok(stopped.stopDate instanceof Date);
  const aborted = await t.engine.sfn.waitForExecution({ executionArn: executionArn! }, { timeoutMs: 30_000 });
  assert.equal(aborted.status, 'ABORTED');
  const listed = await t.sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'ABORTED' }));
  assert.deepEqual(
    listed.executions!.map((e) => e.executionArn),
    [executionArn],
  );

  // A Map Run that has ended cannot be changed: AWS's reason comes along.
  let mapRunStatus = (await t.engine.sfn.describeMapRun({ mapRunArn })).status;
  for (let tries = 0; mapRunStatus === 'RUNNING' && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    mapRunStatus = (await t.engine.sfn.describeMapRun({ mapRunArn })).status;
  }
  assert.equal(mapRunStatus, 'ABORTED');
  const refused = await t.sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 5 })).catch((e: Error) => e);
  assert.ok(refused instanceof ValidationException);
  assert.equal(refused.reason, 'CANNOT_UPDATE_COMPLETED_MAP_RUN');
  assert.equal(refused.message, 'Cannot update a Map Run that has completed.');

  const newest = await t.sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 }));
  assert.equal(newest.events![0]!.type, 'ExecutionAborted');
  assert.deepEqual(newest.events![0]!.executionAbortedEventDetails, { error: 'Operator', cause: 'enough' });
  assert.ok(newest.nextToken);
});

test('IAM: ListRolePolicies in pages (MaxItems, Marker), DeleteRolePolicy', async () => {
  const RoleName = uniqueName('api-iam');
  const document = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  for (const PolicyName of ['c', 'a', 'b']) {
    await t.iam.send(new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument: document }));
  }
  const first = await t.iam.send(new ListRolePoliciesCommand({ RoleName, MaxItems: 2 }));
  assert.deepEqual([first.PolicyNames, first.IsTruncated], [['a', 'b'], true]);
  const second = await t.iam.send(new ListRolePoliciesCommand({ RoleName, MaxItems: 2, Marker: first.Marker }));
  assert.deepEqual([second.PolicyNames, second.IsTruncated, second.Marker], [['c'], false, undefined]);

  await t.iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: 'b' }));
  assert.deepEqual((await t.engine.sfn.listRolePolicies({ roleName: RoleName })).policyNames, ['a', 'c']);
  const gone = await t.iam.send(new GetRolePolicyCommand({ RoleName, PolicyName: 'b' })).catch((e: Error) => e);
  assert.ok(gone instanceof NoSuchEntityException);
  const deletedAgain = await t.iam
    .send(new DeleteRolePolicyCommand({ RoleName, PolicyName: 'b' }))
    .catch((e: Error) => e);
  assert.ok(deletedAgain instanceof NoSuchEntityException);
});
