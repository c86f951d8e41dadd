/**
 * Issue #15, acceptance 1: the seed story driven by `@aws-sdk/client-sfn` and `@aws-sdk/client-iam` alone,
 * pointed at `tsf api`'s server with `endpoint`: create, start, fail (a child's handler), fix the handler, redrive
 * (refused by the role), fix the role through the IAM endpoint, redrive, then examine the Map Run, its children
 * and the history in pages. Each answer is compared with what our SDK says of the same resource.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetRolePolicyCommand, ListRolePoliciesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
  ValidateStateMachineDefinitionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import * as handlers from '../../examples/handlers';
import { useTestApi } from '../helpers/api-server';
import { uniqueName } from '../helpers/engine';
import {
  PERMISSION_CAUSE,
  redrivePolicy,
  roleArnOf,
  runPolicy,
  storyDefinition,
  storyInput,
} from '../helpers/role-story';

const t = useTestApi({ handlers });

/** Polls DescribeExecution through the AWS SDK until the execution is no longer RUNNING. */
async function settled(executionArn: string): Promise<DescribeExecutionCommandOutput> {
  for (let delay = 100; ; delay = Math.min(delay * 1.5, 1000)) {
    const described = await t.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

async function historyInPages(executionArn: string, maxResults: number) {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await t.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults, nextToken }));
    assert.ok(page.events!.length <= maxResults);
    events.push(...page.events!);
    nextToken = page.nextToken;
    pages += 1;
  } while (nextToken !== undefined);
  return { events, pages };
}

test('the seed story with the AWS SDK for JavaScript: fail, fix the handler and the role, redrive, examine', async () => {
  const machine = uniqueName('api-story');
  const roleName = uniqueName('api-role');
  const story = storyInput('api-story');
  await t.iam.send(
    new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'run-map', PolicyDocument: runPolicy(machine) }),
  );
  const created = await t.sfn.send(
    new CreateStateMachineCommand({ name: machine, definition: storyDefinition(), roleArn: roleArnOf(roleName) }),
  );
  assert.ok(created.creationDate instanceof Date);
  assert.ok(Math.abs(created.creationDate.getTime() - Date.now()) < 60_000, 'creationDate read as epoch seconds');
  const { executionArn } = await t.sfn.send(
    new StartExecutionCommand({ stateMachineArn: created.stateMachineArn, input: story.input }),
  );

  const failed = await settled(executionArn!);
  assert.equal(failed.status, 'FAILED');
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  assert.equal(failed.redriveStatus, 'REDRIVABLE');
  const { mapRuns } = await t.sfn.send(new ListMapRunsCommand({ executionArn }));
  assert.equal(mapRuns!.length, 1);
  const mapRunArn = mapRuns![0]!.mapRunArn!;
  const failedRun = await t.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
  assert.equal(failedRun.status, 'FAILED');
  assert.deepEqual([failedRun.itemCounts!.succeeded, failedRun.itemCounts!.failed], [2, 1]);
  const failedChildren = await t.sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'FAILED' }));
  assert.equal(failedChildren.executions!.length, 1);
  const child = failedChildren.executions![0]!;

  // The handler is fixed, but the role may not redrive the Map Run's children.
  story.openGate();
  await t.sfn.send(new RedriveExecutionCommand({ executionArn }));
  const denied = await settled(executionArn!);
  assert.equal(denied.status, 'FAILED');
  assert.equal(denied.error, 'States.Permissions');
  assert.equal(denied.cause, PERMISSION_CAUSE(roleName, machine));
  assert.equal(denied.redriveCount, 1);

  // The role is fixed through the IAM endpoint, and reads back as IAM sends it (URL-encoded).
  const policyDocument = redrivePolicy(machine);
  await t.iam.send(
    new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'redrive-map-run', PolicyDocument: policyDocument }),
  );
  const got = await t.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: 'redrive-map-run' }));
  assert.equal(decodeURIComponent(got.PolicyDocument!), policyDocument);
  const listed = await t.iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
  assert.deepEqual(listed.PolicyNames, ['redrive-map-run', 'run-map']);
  assert.equal(listed.IsTruncated, false);

  const redriven = await t.sfn.send(new RedriveExecutionCommand({ executionArn }));
  assert.ok(redriven.redriveDate instanceof Date);
  const done = await settled(executionArn!);
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.equal(done.redriveCount, 2);

  // Examined through the AWS SDK, and the same as our SDK says.
  const ours = await t.engine.sfn.describeExecution({ executionArn: executionArn! });
  assert.equal(done.output, ours.output);
  assert.equal(done.startDate!.getTime(), ours.startDate.getTime());
  assert.equal(done.redriveDate!.getTime(), ours.redriveDate!.getTime());
  assert.equal(done.redriveStatus, ours.redriveStatus);

  const mapRun = await t.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
  const ourMapRun = await t.engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.status, 'SUCCEEDED');
  assert.equal(mapRun.redriveCount, 2);
  assert.deepEqual({ ...mapRun.itemCounts }, { ...ourMapRun.itemCounts });
  assert.deepEqual({ ...mapRun.executionCounts }, { ...ourMapRun.executionCounts });
  assert.equal(mapRun.stopDate!.getTime(), ourMapRun.stopDate!.getTime());

  const children = await t.sfn.send(new ListExecutionsCommand({ mapRunArn }));
  const ourChildren = await t.engine.sfn.listExecutions({ mapRunArn });
  assert.deepEqual(
    children.executions!.map((e) => [e.executionArn, e.status, e.redriveCount]),
    ourChildren.executions.map((e) => [e.executionArn, e.status, e.redriveCount]),
  );
  assert.deepEqual(
    children.executions!.map((e) => e.status),
    ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'],
  );
  const redrivenChild = await t.sfn.send(new DescribeExecutionCommand({ executionArn: child.executionArn }));
  assert.equal(redrivenChild.status, 'SUCCEEDED');
  assert.equal(redrivenChild.redriveCount, 1);
  assert.equal(redrivenChild.mapRunArn, mapRunArn);

  const { events, pages } = await historyInPages(executionArn!, 4);
  const ourHistory = await t.engine.sfn.getExecutionHistory({ executionArn: executionArn!, maxResults: 1000 });
  assert.ok(pages > 2, `the history came in ${pages} pages of 4`);
  assert.deepEqual(
    events.map((e) => [e.id, e.previousEventId, e.type, e.timestamp!.getTime()]),
    ourHistory.events.map((e) => [e.id, e.previousEventId, e.type, e.timestamp.getTime()]),
  );
  const types = events.map((e) => e.type);
  assert.deepEqual(
    types.filter((type) => type === 'ExecutionRedriven' || type === 'MapRunRedriven'),
    ['ExecutionRedriven', 'MapRunRedriven', 'ExecutionRedriven', 'MapRunRedriven'],
  );
  assert.equal(types[types.length - 1], 'ExecutionSucceeded');
});

test('ValidateStateMachineDefinition answers diagnostics where CreateStateMachine throws InvalidDefinition', async () => {
  const valid = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
  const ok = await t.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: valid }));
  assert.equal(ok.result, 'OK');
  assert.deepEqual(ok.diagnostics, []);

  const invalid = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Next: 'Nowhere' } } });
  const failed = await t.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: invalid }));
  assert.equal(failed.result, 'FAIL');
  assert.deepEqual(
    failed.diagnostics!.map((d) => [d.severity, d.code, d.location]),
    [
      ['ERROR', 'MISSING_TRANSITION_TARGET', '/States/P/Next'],
      ['ERROR', 'MISSING_END_STATE', '/States'],
    ],
  );
  // The same faults CreateStateMachine refuses the definition for.
  const thrown = (await t.engine.sfn
    .createStateMachine({ name: uniqueName('invalid'), definition: invalid })
    .catch((error: Error) => error)) as Error;
  assert.equal(thrown.name, 'InvalidDefinition');
  assert.equal(
    thrown.message,
    `Invalid State Machine Definition: ${failed
      .diagnostics!.map((d) => `'${d.code}: ${d.message} at ${d.location}'`)
      .join(', ')}`,
  );

  const notJson = await t.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: '{"StartAt":' }));
  assert.equal(notJson.result, 'FAIL');
  assert.equal(notJson.diagnostics![0]!.code, 'INVALID_JSON_DESCRIPTION');
});
