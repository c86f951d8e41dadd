/**
 * DescribeStateMachineForExecution (#15's gap, #14 point 2): the state machine an execution runs, as it was when the
 * execution started, through our SDK, the AWS SDK over `tsf api`, and `tsf`; for a Map Run child, its Map state's
 * ItemProcessor under `<machine>/<label>` with its Map Run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DescribeStateMachineForExecutionCommand,
  ExecutionDoesNotExist as AwsExecutionDoesNotExist,
} from '@aws-sdk/client-sfn';
import { useTestApi } from '../helpers/api-server';
import { uniqueName } from '../helpers/engine';
import { runTsf } from '../helpers/processes';

const t = useTestApi();

const pass = (result: string) =>
  JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });

test('an execution answers the definition, role and revision it started with, not a later update', async () => {
  const { sfn } = t.engine;
  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('pinned'), definition: pass('first') });
  const created = await sfn.describeStateMachine({ stateMachineArn });
  const { executionArn } = await sfn.startExecution({ stateMachineArn });
  await sfn.waitForExecution({ executionArn });
  const updated = await sfn.updateStateMachine({ stateMachineArn, definition: pass('second') });
  const { executionArn: later } = await sfn.startExecution({ stateMachineArn });

  const before = await sfn.describeStateMachineForExecution({ executionArn });
  assert.deepEqual(JSON.parse(before.definition), JSON.parse(pass('first')));
  assert.equal(before.stateMachineArn, stateMachineArn);
  assert.equal(before.name, created.name);
  assert.equal(before.roleArn, created.roleArn);
  assert.equal(before.revisionId, created.revisionId);
  assert.equal(before.updateDate.getTime(), created.creationDate.getTime());
  assert.equal(before.mapRunArn, undefined);
  assert.deepEqual(before.loggingConfiguration, { level: 'OFF', includeExecutionData: false });

  const after = await sfn.describeStateMachineForExecution({ executionArn: later });
  assert.deepEqual(JSON.parse(after.definition), JSON.parse(pass('second')));
  assert.equal(after.revisionId, updated.revisionId);
  assert.equal(after.updateDate.getTime(), updated.updateDate.getTime());

  // The AWS SDK over tsf api answers the same; an unknown execution is its own exception class.
  const overHttp = await t.sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
  assert.deepEqual({ ...overHttp, $metadata: undefined }, { ...before, $metadata: undefined });
  await assert.rejects(
    t.sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: `${executionArn}-none` })),
    (error: Error) => error instanceof AwsExecutionDoesNotExist,
  );

  // tsf prints the same answer.
  const result = await runTsf(['describe-state-machine-for-execution', '--execution-arn', executionArn], {});
  assert.equal(result.code, 0, result.stderr);
  const printed = JSON.parse(result.stdout) as { definition: string; revisionId: string };
  assert.deepEqual(JSON.parse(printed.definition), JSON.parse(pass('first')));
  assert.equal(printed.revisionId, created.revisionId);
});

test('a Map Run child answers its ItemProcessor under <machine>/<label>, its Map Run and its parent revision', async () => {
  const { sfn } = t.engine;
  const processor = { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } };
  const definition = JSON.stringify({
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Map',
        Label: 'Fan',
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...processor },
        End: true,
      },
    },
  });
  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('children'), definition });
  const machine = await sfn.describeStateMachine({ stateMachineArn });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: '[1, 2]' });
  const done = await sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  const { mapRunArn } = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  const child = (await sfn.listExecutions({ mapRunArn })).executions[0]!;

  const described = await sfn.describeStateMachineForExecution({ executionArn: child.executionArn });
  assert.equal(described.stateMachineArn, `${stateMachineArn}/Fan`);
  assert.equal(described.name, `${machine.name}/Fan`);
  assert.equal(described.label, 'Fan');
  assert.equal(described.mapRunArn, mapRunArn);
  // The ItemProcessor as its children run it: with the query language it inherits from the state machine.
  assert.deepEqual(JSON.parse(described.definition), { ...processor, QueryLanguage: 'JSONPath' });
  assert.equal(described.revisionId, machine.revisionId);
});

test('an execution answers the logging configuration it started with, not a later one', async () => {
  const { sfn } = t.engine;
  const logging = {
    level: 'ALL' as const,
    includeExecutionData: true,
    destinations: [
      { cloudWatchLogsLogGroup: { logGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:pinned:*' } },
    ],
  };
  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('pinned-logs'),
    definition: pass('logged'),
    loggingConfiguration: logging,
  });
  const { executionArn } = await sfn.startExecution({ stateMachineArn });
  await sfn.waitForExecution({ executionArn });
  await sfn.updateStateMachine({ stateMachineArn, loggingConfiguration: { level: 'OFF' } });

  const described = await sfn.describeStateMachineForExecution({ executionArn });
  assert.deepEqual(described.loggingConfiguration, logging);
  assert.equal((await sfn.describeStateMachine({ stateMachineArn })).loggingConfiguration.level, 'OFF');
});
