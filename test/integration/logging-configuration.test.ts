/**
 * Issue #14, point 2 (configuration): a state machine's loggingConfiguration through our SDK, `tsf`, the AWS SDK
 * and the AWS CLI over `tsf api`: given at create, described back, changed by an update, refused when bad
 * (InvalidLoggingConfiguration naming the field) or when the role may not deliver logs (AccessDeniedException).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  InvalidLoggingConfiguration as AwsInvalidLoggingConfiguration,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { describeStateMachineQuery } from '../../messages/execution';
import { NameKey, ResourceTypeKey, StateMachineArnKey } from '../../messages/search-attributes';
import { awsCliEnvironment } from '../helpers/aws-cli-env';
import { useTestApi } from '../helpers/api-server';
import { uniqueName } from '../helpers/engine';
import { stateMachineArnOf, tempDir } from '../helpers/fixtures';
import { runCommand, runTsf } from '../helpers/processes';
import { roleArnOf } from '../helpers/role-story';

const t = useTestApi();
const PASS = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const PASS_Q = JSON.stringify({ StartAt: 'Q', States: { Q: { Type: 'Pass', End: true } } });
const GROUP_ARN = 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/vendedlogs/states/orders:*';
const ALL = {
  level: 'ALL' as const,
  includeExecutionData: true,
  destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: GROUP_ARN } }],
};
const OFF = { level: 'OFF', includeExecutionData: false };

async function failureOf(call: () => Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  assert.fail('the call succeeded');
}

test('created with a loggingConfiguration, described back by our SDK and the AWS SDK; none given is OFF', async () => {
  const logged = await t.engine.sfn.createStateMachine({
    name: uniqueName('logged'),
    definition: PASS,
    loggingConfiguration: ALL,
  });
  const ours = await t.engine.sfn.describeStateMachine({ stateMachineArn: logged.stateMachineArn });
  assert.deepEqual(ours.loggingConfiguration, ALL);
  const aws = await t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: logged.stateMachineArn }));
  assert.deepEqual(aws.loggingConfiguration, ALL);

  const plain = await t.engine.sfn.createStateMachine({ name: uniqueName('plain'), definition: PASS });
  const described = await t.engine.sfn.describeStateMachine({ stateMachineArn: plain.stateMachineArn });
  assert.deepEqual(described.loggingConfiguration, OFF);

  // Repeating the create is idempotent only with the same logging.
  const name = logged.stateMachineArn.split(':').at(-1)!;
  const again = await t.engine.sfn.createStateMachine({ name, definition: PASS, loggingConfiguration: ALL });
  assert.equal(again.stateMachineArn, logged.stateMachineArn);
  const different = await failureOf(() => t.engine.sfn.createStateMachine({ name, definition: PASS }));
  assert.equal(different.name, 'StateMachineAlreadyExists');
});

test('a state machine stored before loggingConfiguration existed is described with level OFF', async () => {
  const name = uniqueName('stored-before');
  const arn = stateMachineArnOf(name);
  const now = Date.now();
  // The registry actor started with the description an older engine stored: no loggingConfiguration member.
  const handle = await t.engine.client.workflow.start('stateMachineWorkflow', {
    workflowId: arn,
    taskQueue: t.engine.taskQueue,
    args: [
      {
        stateMachineArn: arn,
        name,
        definition: PASS,
        roleArn: roleArnOf('temporal-step-functions-unrestricted'),
        type: 'STANDARD',
        status: 'ACTIVE',
        creationDate: now,
        updateDate: now,
        revisionId: 'r1',
      },
    ],
    typedSearchAttributes: [
      { key: ResourceTypeKey, value: 'stateMachine' },
      { key: StateMachineArnKey, value: arn },
      { key: NameKey, value: name },
    ],
  });
  assert.equal((await handle.query(describeStateMachineQuery)).loggingConfiguration, undefined);
  const described = await t.engine.sfn.describeStateMachine({ stateMachineArn: arn });
  assert.deepEqual(described.loggingConfiguration, OFF);
});

test('UpdateStateMachine changes the logging (our SDK, then the AWS SDK); other updates keep it', async () => {
  const { stateMachineArn } = await t.engine.sfn.createStateMachine({ name: uniqueName('upd'), definition: PASS });
  await t.engine.sfn.updateStateMachine({ stateMachineArn, loggingConfiguration: ALL });
  assert.deepEqual((await t.engine.sfn.describeStateMachine({ stateMachineArn })).loggingConfiguration, ALL);

  await t.engine.sfn.updateStateMachine({ stateMachineArn, definition: PASS_Q });
  assert.deepEqual((await t.engine.sfn.describeStateMachine({ stateMachineArn })).loggingConfiguration, ALL);

  const errorsOnly = { ...ALL, level: 'ERROR' as const, includeExecutionData: false };
  await t.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, loggingConfiguration: errorsOnly }));
  const described = await t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
  assert.deepEqual(described.loggingConfiguration, errorsOnly);
});

const BAD: { why: string; config: Record<string, unknown>; field: string }[] = [
  {
    why: 'an ARN without :*',
    config: { level: 'ALL', destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: GROUP_ARN.slice(0, -2) } }] },
    field: 'loggingConfiguration.destinations.0.cloudWatchLogsLogGroup.logGroupArn',
  },
  {
    why: 'two destinations',
    config: { level: 'ALL', destinations: [ALL.destinations[0], ALL.destinations[0]] },
    field: 'loggingConfiguration.destinations',
  },
  { why: 'level ERROR without a destination', config: { level: 'ERROR' }, field: 'loggingConfiguration.destinations' },
];

for (const bad of BAD) {
  test(`InvalidLoggingConfiguration for ${bad.why}, from our SDK and as the AWS SDK's own class`, async () => {
    const request = { name: uniqueName('bad-log'), definition: PASS, loggingConfiguration: bad.config };
    const ours = await failureOf(() => t.engine.sfn.createStateMachine(request));
    assert.equal(ours.name, 'InvalidLoggingConfiguration');
    assert.match(ours.message, new RegExp(`^Invalid Logging Configuration: ${bad.field.replaceAll('.', '\\.')}: `));

    const roleArn = roleArnOf('temporal-step-functions-unrestricted');
    const aws = await failureOf(() => t.sfn.send(new CreateStateMachineCommand({ ...request, roleArn })));
    assert.ok(aws instanceof AwsInvalidLoggingConfiguration, `${aws.name}: ${aws.message}`);
    assert.equal(aws.message, ours.message);
    assert.equal(aws.$metadata?.httpStatusCode, 400);

    const { stateMachineArn } = await t.engine.sfn.createStateMachine({ name: uniqueName('ok'), definition: PASS });
    const update = await failureOf(() =>
      t.engine.sfn.updateStateMachine({ stateMachineArn, loggingConfiguration: bad.config }),
    );
    assert.equal(update.message, ours.message);
  });
}

test('a role with policies must be allowed to deliver logs (AccessDeniedException, as Step Functions says it)', async () => {
  const roleName = uniqueName('log-role');
  await t.engine.sfn.putRolePolicy({
    roleName,
    policyName: 'run',
    policyDocument: JSON.stringify({ Statement: { Effect: 'Allow', Action: 'states:*', Resource: '*' } }),
  });
  const request = { name: uniqueName('denied'), definition: PASS, roleArn: roleArnOf(roleName) };
  const denied = await failureOf(() => t.engine.sfn.createStateMachine({ ...request, loggingConfiguration: ALL }));
  assert.equal(denied.name, 'AccessDeniedException');
  assert.match(denied.message, /^The state machine IAM Role is not authorized to access the Log Destination\./);
  assert.match(denied.message, /logs:CreateLogDelivery on resource: \*/);
  const overHttp = await failureOf(() =>
    t.sfn.send(new CreateStateMachineCommand({ ...request, loggingConfiguration: ALL })),
  );
  assert.equal(overHttp.name, 'AccessDeniedException');

  // Logging off needs nothing; an update that turns it on is checked too.
  const { stateMachineArn } = await t.engine.sfn.createStateMachine(request);
  const update = await failureOf(() => t.engine.sfn.updateStateMachine({ stateMachineArn, loggingConfiguration: ALL }));
  assert.equal(update.name, 'AccessDeniedException');

  // The CloudWatch Logs example policy of the developer guide lets it.
  await t.engine.sfn.putRolePolicy({
    roleName,
    policyName: 'logs',
    policyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'logs:CreateLogDelivery',
            'logs:GetLogDelivery',
            'logs:UpdateLogDelivery',
            'logs:DeleteLogDelivery',
            'logs:ListLogDeliveries',
            'logs:PutResourcePolicy',
            'logs:DescribeResourcePolicies',
            'logs:DescribeLogGroups',
          ],
          Resource: '*',
        },
      ],
    }),
  });
  await t.engine.sfn.updateStateMachine({ stateMachineArn, loggingConfiguration: ALL });
  assert.deepEqual((await t.engine.sfn.describeStateMachine({ stateMachineArn })).loggingConfiguration, ALL);
});

test('tsf create-state-machine and update-state-machine take --logging-configuration (JSON or file://)', async () => {
  const env = { TSF_TASK_QUEUE: t.engine.taskQueue };
  const dir = tempDir('logging-cli');
  const file = path.join(dir, 'logging.json');
  fs.writeFileSync(file, JSON.stringify(ALL));
  const name = uniqueName('tsf-logged');
  const created = await runTsf(
    ['create-state-machine', '--name', name, '--definition', PASS, '--logging-configuration', `file://${file}`],
    env,
  );
  assert.equal(created.code, 0, created.stderr);
  const { stateMachineArn } = JSON.parse(created.stdout) as { stateMachineArn: string };
  const described = await runTsf(['describe-state-machine', '--state-machine-arn', stateMachineArn], env);
  assert.deepEqual(JSON.parse(described.stdout).loggingConfiguration, ALL);

  const off = await runTsf(
    ['update-state-machine', '--state-machine-arn', stateMachineArn, '--logging-configuration', '{"level":"OFF"}'],
    env,
  );
  assert.equal(off.code, 0, off.stderr);
  assert.deepEqual((await t.engine.sfn.describeStateMachine({ stateMachineArn })).loggingConfiguration, {
    ...OFF,
  });

  const bad = await runTsf(
    ['update-state-machine', '--state-machine-arn', stateMachineArn, '--logging-configuration', '{"level":"ALL"}'],
    env,
  );
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^InvalidLoggingConfiguration: .*loggingConfiguration\.destinations: /);
});

test('the AWS CLI creates and describes a logged state machine through tsf api', async () => {
  const home = tempDir('aws-cli-logging');
  const env = awsCliEnvironment(home);
  const aws = (args: string[]) =>
    runCommand('aws', ['stepfunctions', ...args, '--endpoint-url', t.api.url, '--output', 'json'], { cwd: home, env });
  const created = await aws([
    'create-state-machine',
    '--name',
    uniqueName('aws-cli-logged'),
    '--definition',
    PASS,
    '--role-arn',
    roleArnOf('temporal-step-functions-unrestricted'),
    '--logging-configuration',
    JSON.stringify(ALL),
  ]);
  assert.equal(created.code, 0, created.stderr);
  const { stateMachineArn } = JSON.parse(created.stdout) as { stateMachineArn: string };
  const described = await aws(['describe-state-machine', '--state-machine-arn', stateMachineArn]);
  assert.deepEqual(JSON.parse(described.stdout).loggingConfiguration, ALL);

  const refused = await aws([
    'update-state-machine',
    '--state-machine-arn',
    stateMachineArn,
    '--logging-configuration',
    '{"level":"FATAL"}',
  ]);
  assert.equal(refused.code, 255);
  assert.match(refused.stderr, /\(InvalidLoggingConfiguration\) .*loggingConfiguration\.destinations: /);
});
