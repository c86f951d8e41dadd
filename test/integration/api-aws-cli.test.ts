/**
 * Issue #15, acceptance 2: the seed story with the AWS CLI this machine has (`aws stepfunctions ...` and
 * `aws iam put-role-policy`, `--endpoint-url` pointed at `tsf api`), run as a user runs them: dummy keys in the
 * environment, no AWS configuration files. `tsf api` runs as its own process, as a user starts it. And boto3,
 * which the same machine has, with `endpoint_url`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import { startApiProcess, type ApiProcess } from '../helpers/api-server';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { runCommand } from '../helpers/processes';
import { awsCliEnvironment } from '../helpers/aws-cli-env';
import {
  PERMISSION_CAUSE,
  redrivePolicy,
  roleArnOf,
  runPolicy,
  storyDefinition,
  storyInput,
} from '../helpers/role-story';

let engine: TestEngine;
let api: ApiProcess;
const home = tempDir('aws-cli-home');
before(async () => {
  engine = await startTestEngine({ handlers });
  api = await startApiProcess(engine.taskQueue);
});
after(async () => {
  await api?.stop();
  await engine?.stop();
});

/** The environment of a user with dummy keys and no AWS configuration of their own. */
function awsEnvironment(): NodeJS.ProcessEnv {
  return awsCliEnvironment(home);
}

/** Runs `aws <service> <command> ...` against the API; its JSON output, parsed ({} when it prints nothing). */
async function aws(args: string[]): Promise<Record<string, unknown>> {
  const result = await runCommand('aws', [...args, '--endpoint-url', api.url, '--output', 'json'], {
    cwd: home,
    env: awsEnvironment(),
  });
  assert.equal(result.code, 0, `aws ${args.slice(0, 2).join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
}

/** `aws iam put-role-policy`, the document given as a user gives it: `file://` a file of it. */
async function putRolePolicy(roleName: string, policyName: string, document: string): Promise<void> {
  const file = path.join(home, `${roleName}-${policyName}.json`);
  fs.writeFileSync(file, document);
  await aws([
    'iam',
    'put-role-policy',
    '--role-name',
    roleName,
    '--policy-name',
    policyName,
    '--policy-document',
    `file://${file}`,
  ]);
}

type Described = { status: string; error?: string; cause?: string; redriveCount: number; startDate: number };

async function settled(executionArn: string): Promise<Described> {
  for (let delay = 200; ; delay = Math.min(delay * 1.5, 1000)) {
    const described = (await aws([
      'stepfunctions',
      'describe-execution',
      '--execution-arn',
      executionArn,
    ])) as Described;
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

test('the seed story with the AWS CLI: fail, fix the handler and the role, redrive, examine', async () => {
  const machine = uniqueName('cli-story');
  const roleName = uniqueName('cli-role');
  const story = storyInput('cli-story');
  await putRolePolicy(roleName, 'run-map', runPolicy(machine));
  const definitionFile = path.join(home, `${machine}.asl.json`);
  fs.writeFileSync(definitionFile, storyDefinition());
  const created = (await aws([
    'stepfunctions',
    'create-state-machine',
    '--name',
    machine,
    '--definition',
    `file://${definitionFile}`,
    '--role-arn',
    roleArnOf(roleName),
  ])) as { stateMachineArn: string; creationDate: number };
  // AWS CLI v1 prints a timestamp as the epoch seconds it received.
  assert.equal(typeof created.creationDate, 'number');
  assert.ok(Math.abs(created.creationDate * 1000 - Date.now()) < 60_000, String(created.creationDate));
  const inputFile = path.join(home, `${machine}-input.json`);
  fs.writeFileSync(inputFile, story.input);
  const { executionArn } = (await aws([
    'stepfunctions',
    'start-execution',
    '--state-machine-arn',
    created.stateMachineArn,
    '--input',
    `file://${inputFile}`,
  ])) as { executionArn: string };

  const failed = await settled(executionArn);
  assert.equal(failed.status, 'FAILED');
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  const { mapRuns } = (await aws(['stepfunctions', 'list-map-runs', '--execution-arn', executionArn])) as {
    mapRuns: { mapRunArn: string }[];
  };
  assert.equal(mapRuns.length, 1);
  const { mapRunArn } = mapRuns[0]!;
  const failedChildren = (await aws([
    'stepfunctions',
    'list-executions',
    '--map-run-arn',
    mapRunArn,
    '--status-filter',
    'FAILED',
  ])) as { executions: { executionArn: string }[] };
  assert.equal(failedChildren.executions.length, 1);

  // The handler is fixed; the role may not redrive the children yet.
  story.openGate();
  await aws(['stepfunctions', 'redrive-execution', '--execution-arn', executionArn]);
  const denied = await settled(executionArn);
  assert.equal(denied.error, 'States.Permissions');
  assert.equal(denied.cause, PERMISSION_CAUSE(roleName, machine));

  // The role is fixed with `aws iam put-role-policy`; the CLI reads it back decoded.
  await putRolePolicy(roleName, 'redrive', redrivePolicy(machine));
  const got = await aws(['iam', 'get-role-policy', '--role-name', roleName, '--policy-name', 'redrive']);
  assert.deepEqual(got.PolicyDocument, JSON.parse(redrivePolicy(machine)));
  const listed = await aws(['iam', 'list-role-policies', '--role-name', roleName]);
  assert.deepEqual(listed.PolicyNames, ['redrive', 'run-map']);

  const redriven = await aws(['stepfunctions', 'redrive-execution', '--execution-arn', executionArn]);
  assert.equal(typeof redriven.redriveDate, 'number');
  const done = await settled(executionArn);
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.equal(done.redriveCount, 2);
  const ours = await engine.sfn.describeExecution({ executionArn });
  assert.equal(Math.round(done.startDate * 1000), ours.startDate.getTime());

  const mapRun = (await aws(['stepfunctions', 'describe-map-run', '--map-run-arn', mapRunArn])) as {
    status: string;
    redriveCount: number;
    itemCounts: Record<string, number>;
  };
  const ourMapRun = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.status, 'SUCCEEDED');
  assert.equal(mapRun.redriveCount, 2);
  assert.deepEqual(mapRun.itemCounts, { ...ourMapRun.itemCounts });
  const children = (await aws(['stepfunctions', 'list-executions', '--map-run-arn', mapRunArn])) as {
    executions: { executionArn: string; status: string }[];
  };
  const ourChildren = await engine.sfn.listExecutions({ mapRunArn });
  assert.deepEqual(
    children.executions.map((e) => [e.executionArn, e.status]),
    ourChildren.executions.map((e) => [e.executionArn, e.status]),
  );

  // The history: the CLI follows the API's pages of 3 by itself; --max-items / --starting-token page it by hand.
  const ourHistory = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  const ids = (events: unknown) => (events as { id: number }[]).map((e) => e.id);
  const all = await aws([
    'stepfunctions',
    'get-execution-history',
    '--execution-arn',
    executionArn,
    '--page-size',
    '3',
  ]);
  assert.deepEqual(
    ids(all.events),
    ourHistory.events.map((e) => e.id),
  );
  const first = await aws([
    'stepfunctions',
    'get-execution-history',
    '--execution-arn',
    executionArn,
    '--max-items',
    '5',
  ]);
  assert.deepEqual(ids(first.events), [1, 2, 3, 4, 5]);
  assert.equal(typeof first.NextToken, 'string');
  const rest = await aws([
    'stepfunctions',
    'get-execution-history',
    '--execution-arn',
    executionArn,
    '--starting-token',
    first.NextToken as string,
  ]);
  assert.deepEqual(
    [...ids(first.events), ...ids(rest.events)],
    ourHistory.events.map((e) => e.id),
  );
  const types = (all.events as { type: string }[]).map((e) => e.type);
  assert.equal(types[types.length - 1], 'ExecutionSucceeded');
});

test('an SDK error reaches the AWS CLI under its name, with its message', async () => {
  const executionArn = `arn:aws:states:us-east-1:000000000000:execution:${uniqueName('m')}:absent`;
  const result = await runCommand(
    'aws',
    ['stepfunctions', 'describe-execution', '--execution-arn', executionArn, '--endpoint-url', api.url],
    { cwd: home, env: awsEnvironment() },
  );
  const ours = await engine.sfn.describeExecution({ executionArn }).catch((error: Error) => error);
  // AWS CLI v1 exits with 255 on a service error.
  assert.equal(result.code, 255);
  assert.match(
    result.stderr,
    /An error occurred \(ExecutionDoesNotExist\) when calling the DescribeExecution operation: /,
  );
  assert.ok(result.stderr.includes((ours as Error).message), result.stderr);
});

test('boto3 with endpoint_url: a state machine created, started and described; an error as ClientError', async () => {
  const machine = uniqueName('boto3');
  const script = `
import json, sys, time, boto3
sfn = boto3.client('stepfunctions', endpoint_url=sys.argv[1])
definition = json.dumps({'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'Result': {'ok': True}, 'End': True}}})
arn = sfn.create_state_machine(name=sys.argv[2], definition=definition, roleArn=sys.argv[3])['stateMachineArn']
run = sfn.start_execution(stateMachineArn=arn, input='{}')['executionArn']
described = sfn.describe_execution(executionArn=run)
while described['status'] == 'RUNNING':
    time.sleep(0.2)
    described = sfn.describe_execution(executionArn=run)
try:
    sfn.describe_execution(executionArn=run + '-absent')
    error = None
except sfn.exceptions.ExecutionDoesNotExist as e:
    error = e.response['Error']['Code']
print(json.dumps({'status': described['status'], 'output': described['output'],
                  'startYear': described['startDate'].year, 'error': error}))
`;
  const result = await runCommand(
    'python3',
    ['-c', script, api.url, machine, 'arn:aws:iam::000000000000:role/temporal-step-functions-unrestricted'],
    { cwd: home, env: awsEnvironment() },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), {
    status: 'SUCCEEDED',
    output: '{"ok":true}',
    startYear: new Date().getUTCFullYear(),
    error: 'ExecutionDoesNotExist',
  });
});

test('`tsf server --api` beside the running server serves the same APIs, and stops on SIGTERM', async () => {
  // The test run's server answers at TEMPORAL_ADDRESS: `tsf server` reuses it and keeps the APIs in the foreground.
  const beside = await startApiProcess(engine.taskQueue, {}, ['server', '--headless', '--api', '--api-port', '0']);
  try {
    assert.match(beside.output(), /Temporal server already running at/);
    const { stateMachineArn } = await engine.sfn.createStateMachine({
      name: uniqueName('beside'),
      definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
    });
    const result = await runCommand(
      'aws',
      ['stepfunctions', 'describe-state-machine', '--state-machine-arn', stateMachineArn, '--endpoint-url', beside.url],
      { cwd: home, env: awsEnvironment() },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).stateMachineArn, stateMachineArn);
  } finally {
    assert.equal(await beside.stop(), 0, beside.output());
  }
});
