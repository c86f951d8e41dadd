/**
 * #14 point 5: EXPRESS state machines. StartSyncExecution answers the outcome (sfn-spec §14.1, with billingDetails),
 * StartExecution runs one asynchronously under an `express:` ARN, and what Express executions do not support is
 * refused as Step Functions refuses it: through our SDK, `tsf`, and the AWS SDK over `tsf api`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { DUMMY_CREDENTIALS, useTestApi } from '../helpers/api-server';
import { uniqueName } from '../helpers/engine';
import { pollUntil } from '../helpers/poll';
import { runTsf } from '../helpers/processes';
import { tempDir } from '../helpers/fixtures';
import { openLogStore } from '../../activities/logs';
import { Logs } from '../../client/logs';

const seen: unknown[] = [];
async function echo(event: unknown): Promise<unknown> {
  seen.push(event);
  return event;
}

const logEnv = { TSF_DATA_DIR: tempDir('express-logs'), TSF_LOGS_ENDPOINT: '' };
const t = useTestApi({ handlers: { echo }, logStore: openLogStore(logEnv, { workerId: 'express-worker' }) });

const lambda = 'arn:aws:lambda:us-east-1:000000000000:function:echo';
const ECHO = JSON.stringify({
  StartAt: 'Echo',
  States: {
    Echo: { Type: 'Task', Resource: lambda, Next: 'Done' },
    Done: { Type: 'Pass', Parameters: { 'echoed.$': '$' }, End: true },
  },
});
const FAIL = JSON.stringify({
  StartAt: 'F',
  States: { F: { Type: 'Fail', Error: 'Boom', Cause: 'the order is bad' } },
});

async function failureOf(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

test('StartSyncExecution runs an Express execution and answers its outcome, billing included', async () => {
  const { sfn } = t.engine;
  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('sync'),
    definition: ECHO,
    type: 'EXPRESS',
  });
  assert.equal((await sfn.describeStateMachine({ stateMachineArn })).type, 'EXPRESS');
  const listed = (await sfn.listStateMachines({})).stateMachines.find((m) => m.stateMachineArn === stateMachineArn);
  assert.equal(listed?.type, 'EXPRESS');

  const done = await sfn.startSyncExecution({ stateMachineArn, name: 'order-1', input: '{"order":1}' });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.deepEqual(JSON.parse(done.output!), { echoed: { order: 1 } });
  assert.equal(done.input, '{"order":1}');
  assert.deepEqual([done.inputDetails, done.outputDetails], [{ included: true }, { included: true }]);
  const machineName = stateMachineArn.split(':').at(-1);
  assert.match(
    done.executionArn,
    new RegExp(`^arn:aws:states:us-east-1:000000000000:express:${machineName}:order-1:[0-9a-f-]{36}$`),
  );
  assert.equal(done.stateMachineArn, stateMachineArn);
  assert.ok(done.stopDate >= done.startDate);
  assert.equal(done.billingDetails.billedMemoryUsedInMB, 64);
  assert.ok(done.billingDetails.billedDurationInMilliseconds >= 100);
  assert.equal(done.billingDetails.billedDurationInMilliseconds % 100, 0);

  const failing = await sfn.createStateMachine({ name: uniqueName('sync-fail'), definition: FAIL, type: 'EXPRESS' });
  const failed = await sfn.startSyncExecution({
    stateMachineArn: failing.stateMachineArn,
    includedData: 'METADATA_ONLY',
  });
  assert.deepEqual(
    { status: failed.status, error: failed.error, cause: failed.cause, input: failed.input, output: failed.output },
    { status: 'FAILED', error: 'Boom', cause: 'the order is bad', input: undefined, output: undefined },
  );
  assert.deepEqual(failed.inputDetails, { included: false });

  // tsf prints the same outcome.
  const printed = await runTsf(
    ['start-sync-execution', '--state-machine-arn', stateMachineArn, '--input', '{"order":2}'],
    { TSF_TASK_QUEUE: t.engine.taskQueue },
  );
  assert.equal(printed.code, 0, printed.stderr);
  assert.deepEqual(JSON.parse((JSON.parse(printed.stdout) as { output: string }).output), { echoed: { order: 2 } });

  // The AWS SDK for JavaScript over tsf api (StartSyncExecution's endpoint has the host prefix `sync-`, which a
  // local endpoint cannot take: disableHostPrefix).
  const aws = new SFNClient({
    endpoint: t.api.url,
    region: 'us-east-1',
    credentials: DUMMY_CREDENTIALS,
    maxAttempts: 1,
    disableHostPrefix: true,
  });
  try {
    const overHttp = await aws.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"order":3}' }));
    assert.equal(overHttp.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(overHttp.output!), { echoed: { order: 3 } });
    assert.equal(overHttp.billingDetails?.billedMemoryUsedInMB, 64);
  } finally {
    aws.destroy();
  }
});

test('StartExecution of an Express state machine runs it asynchronously; what Express does not support is refused', async () => {
  const { sfn } = t.engine;
  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('async'),
    definition: ECHO,
    type: 'EXPRESS',
  });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: '{"order":"async"}' });
  assert.match(executionArn, /:express:/);
  await pollUntil(
    async () => (seen.some((event) => JSON.stringify(event) === '{"order":"async"}') ? true : undefined),
    'the Express execution to run its Task',
    30_000,
    100,
  );

  const describe = await failureOf(sfn.describeExecution({ executionArn }));
  assert.equal(describe.name, 'InvalidArn');
  assert.match(describe.message, /aren't supported by DescribeExecution unless a Map Run dispatched them/);
  for (const [what, call] of [
    ['GetExecutionHistory', sfn.getExecutionHistory({ executionArn })],
    ['StopExecution', sfn.stopExecution({ executionArn })],
    ['RedriveExecution', sfn.redriveExecution({ executionArn })],
  ] as const) {
    assert.equal((await failureOf(call)).name, 'InvalidArn', what);
  }
  const list = await failureOf(sfn.listExecutions({ stateMachineArn }));
  assert.equal(list.name, 'StateMachineTypeNotSupported');

  const standard = await sfn.createStateMachine({ name: uniqueName('standard'), definition: ECHO });
  const sync = await failureOf(sfn.startSyncExecution({ stateMachineArn: standard.stateMachineArn }));
  assert.equal(sync.name, 'StateMachineTypeNotSupported');
});

test('an EXPRESS definition that waits for a job or a callback, or runs a Distributed Map, is refused naming the path', async () => {
  const { sfn } = t.engine;
  const waits = JSON.stringify({
    StartAt: 'Job',
    States: { Job: { Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', End: true } },
  });
  const refused = await failureOf(
    sfn.createStateMachine({ name: uniqueName('sync-job'), definition: waits, type: 'EXPRESS' }),
  );
  assert.equal(refused.name, 'InvalidDefinition');
  assert.match(refused.message, /'\.sync' service integration pattern at \/States\/Job\/Resource/);
  // The same definition is fine for a STANDARD state machine.
  await sfn.createStateMachine({ name: uniqueName('sync-job-standard'), definition: waits });

  const distributed = JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'P',
          States: { P: { Type: 'Pass', End: true } },
        },
        End: true,
      },
    },
  });
  const map = await failureOf(
    sfn.createStateMachine({ name: uniqueName('map'), definition: distributed, type: 'EXPRESS' }),
  );
  assert.equal(map.name, 'InvalidDefinition');
  assert.match(map.message, /DISTRIBUTED mode at \/States\/Map\/ItemProcessor\/ProcessorConfig\/Mode/);

  // An update of an EXPRESS state machine is checked the same way.
  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('update'),
    definition: ECHO,
    type: 'EXPRESS',
  });
  const update = await failureOf(sfn.updateStateMachine({ stateMachineArn, definition: waits }));
  assert.equal(update.name, 'InvalidDefinition');
});

test("an Express execution logs its events with its state machine's configuration, under its express: ARN", async () => {
  const { sfn } = t.engine;
  const group = uniqueName('express-group');
  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('logged'),
    definition: ECHO,
    type: 'EXPRESS',
    loggingConfiguration: {
      level: 'ALL',
      includeExecutionData: true,
      destinations: [
        { cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*` } },
      ],
    },
  });
  const done = await sfn.startSyncExecution({ stateMachineArn, input: '{"order":"logged"}' });
  assert.equal(done.status, 'SUCCEEDED');
  const logs = new Logs(openLogStore(logEnv));
  const records = await pollUntil(
    async () => {
      const { events } = await logs.filterLogEvents({ logGroupName: group }).catch(() => ({ events: [] }));
      const parsed = events.map((event) => JSON.parse(event.message) as { type: string; execution_arn: string });
      return parsed.some((record) => record.type === 'ExecutionSucceeded') ? parsed : undefined;
    },
    "the Express execution's records",
    20_000,
    200,
  );
  assert.equal(records[0]!.type, 'ExecutionStarted');
  assert.ok(records.every((record) => record.execution_arn === done.executionArn));
  assert.ok(records.some((record) => record.type === 'TaskSucceeded' || record.type === 'LambdaFunctionSucceeded'));
});
