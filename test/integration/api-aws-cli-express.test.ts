/**
 * Issue #14 through the machine's real AWS CLI v1 against `tsf api`: an EXPRESS state machine run with
 * `aws stepfunctions start-sync-execution` (SUCCEEDED with its output and billingDetails, FAILED with error and
 * cause), and a Map Run's Express child listed by `list-executions --map-run-arn` and described by
 * `describe-execution`, as Step Functions answers for them.
 *
 * StartSyncExecution's endpoint carries the host prefix `sync-`: against a local endpoint a user turns the prefix
 * off, as botocore allows (`AWS_DISABLE_HOST_PREFIX_INJECTION=true`; README).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startApiProcess, type ApiProcess } from '../helpers/api-server';
import { awsCliEnvironment } from '../helpers/aws-cli-env';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { expressChildrenListed } from '../helpers/express-children';
import { tempDir } from '../helpers/fixtures';
import { runCommand } from '../helpers/processes';

async function checkOrder(input: { id: number }): Promise<{ id: number; checked: true }> {
  if (input.id < 0) {
    const error = new Error(`order ${input.id} does not exist`);
    error.name = 'NoSuchOrder';
    throw error;
  }
  return { id: input.id, checked: true };
}

const ROLE = 'arn:aws:iam::000000000000:role/temporal-step-functions-unrestricted';
const home = tempDir('aws-cli-express-home');
// The API process reads Express children's records from the storage the worker writes them to.
const storageDir = tempDir('aws-cli-express-storage');
let engine: TestEngine;
let api: ApiProcess;
before(async () => {
  engine = await startTestEngine({ handlers: { checkOrder }, storageDir });
  api = await startApiProcess(engine.taskQueue, { TSF_STORAGE_DIR: storageDir, TSF_S3_ENDPOINT: '' });
});
after(async () => {
  await api?.stop();
  await engine?.stop();
});

async function aws(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return runCommand('aws', [...args, '--endpoint-url', api.url, '--output', 'json'], {
    cwd: home,
    env: { ...awsCliEnvironment(home), ...extraEnv },
  });
}

async function awsJson(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Record<string, unknown>> {
  const result = await aws(args, extraEnv);
  assert.equal(result.code, 0, `aws ${args.slice(0, 2).join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const task = { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:checkOrder', End: true };

test('aws stepfunctions start-sync-execution: SUCCEEDED with output and billingDetails, FAILED with error and cause', async () => {
  const created = await awsJson([
    'stepfunctions',
    'create-state-machine',
    '--name',
    uniqueName('sync-cli'),
    '--type',
    'EXPRESS',
    '--role-arn',
    ROLE,
    '--definition',
    JSON.stringify({ StartAt: 'Check', States: { Check: task } }),
  ]);
  const stateMachineArn = created.stateMachineArn as string;
  const noPrefix = { AWS_DISABLE_HOST_PREFIX_INJECTION: 'true' };
  const start = (input: string) =>
    awsJson(
      ['stepfunctions', 'start-sync-execution', '--state-machine-arn', stateMachineArn, '--input', input],
      noPrefix,
    );

  const ok = await start('{"id": 7}');
  assert.equal(ok.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(ok.output as string), { id: 7, checked: true });
  assert.match(ok.executionArn as string, /^arn:aws:states:us-east-1:000000000000:express:/);
  const billing = ok.billingDetails as { billedMemoryUsedInMB: number; billedDurationInMilliseconds: number };
  assert.equal(billing.billedMemoryUsedInMB, 64);
  assert.ok(billing.billedDurationInMilliseconds >= 100 && billing.billedDurationInMilliseconds % 100 === 0);

  const failed = await start('{"id": -1}');
  assert.deepEqual([failed.status, failed.error], ['FAILED', 'NoSuchOrder']);
  assert.match(failed.cause as string, /order -1 does not exist/);
  assert.equal(failed.output, undefined);
});

test('aws stepfunctions list-executions --map-run-arn and describe-execution answer for Express children', async () => {
  const created = await awsJson([
    'stepfunctions',
    'create-state-machine',
    '--name',
    uniqueName('express-children-cli'),
    '--role-arn',
    ROLE,
    '--definition',
    JSON.stringify({
      StartAt: 'Orders',
      States: {
        Orders: {
          Type: 'Map',
          Label: 'Orders',
          ToleratedFailureCount: 1,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Check',
            States: { Check: task },
          },
          End: true,
        },
      },
    }),
  ]);
  const input = JSON.stringify([{ id: 1 }, { id: -2 }, { id: 3 }]);
  const { executionArn } = await engine.sfn.startExecution({
    stateMachineArn: created.stateMachineArn as string,
    input,
  });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'SUCCEEDED');
  const { mapRunArn } = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  await expressChildrenListed(engine.sfn, mapRunArn, 3);

  const listed = await awsJson(['stepfunctions', 'list-executions', '--map-run-arn', mapRunArn]);
  const executions = listed.executions as Array<{ executionArn: string; status: string; mapRunArn: string }>;
  assert.deepEqual(executions.map((e) => e.status).sort(), ['FAILED', 'SUCCEEDED', 'SUCCEEDED']);
  assert.ok(executions.every((e) => e.mapRunArn === mapRunArn && e.executionArn.includes(':express:')));
  const failedOnly = await awsJson([
    'stepfunctions',
    'list-executions',
    '--map-run-arn',
    mapRunArn,
    '--status-filter',
    'FAILED',
  ]);
  const [failed] = failedOnly.executions as Array<{ executionArn: string }>;

  const described = await awsJson(['stepfunctions', 'describe-execution', '--execution-arn', failed!.executionArn]);
  assert.deepEqual(
    [described.status, described.error, JSON.parse(described.input as string), described.mapRunArn],
    ['FAILED', 'NoSuchOrder', { id: -2 }, mapRunArn],
  );
  const started = new Date(described.startDate as string).getTime();
  assert.ok(started <= new Date(described.stopDate as string).getTime(), `${described.startDate}`);
});
