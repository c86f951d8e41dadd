/**
 * Issue #14, point 2: executions write their log records (sfn-spec §14.3, §14.4) to the log group of their state
 * machine's loggingConfiguration, here the local store in a temporary data folder, read back as a user reads them
 * (`tsf logs filter-log-events`, the SDK's Logs). Standard executions deliver through a Temporal sink, so their
 * workflow histories hold no event more than without logging; Distributed Map children log with their parent's
 * configuration, Express children under their `express:` ARNs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LogsError, openLogStore } from '../../activities/logs';
import { Logs } from '../../client/logs';
import type { HistoryEvent } from '../../messages/responses';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';
import { runTsf } from '../helpers/processes';

const dataDir = tempDir('execution-logs');
const env = { TSF_DATA_DIR: dataDir, TSF_LOGS_ENDPOINT: '' };
const logs = new Logs(openLogStore(env));
let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers, logStore: openLogStore(env, { workerId: 'execution-logs-worker' }) });
});
after(() => engine?.stop());

type Level = 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
interface LogMessage {
  id: string;
  type: string;
  details: Record<string, unknown>;
  previous_event_id: string;
  event_timestamp: string;
  execution_arn: string;
  redrive_count: string;
}

const lambda = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const TASK_THEN_PASS = JSON.stringify({
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Task', Resource: lambda('greet'), Next: 'Done' },
    Done: { Type: 'Pass', End: true },
  },
});
const FAILING_TASK = JSON.stringify({
  StartAt: 'Raise',
  States: { Raise: { Type: 'Task', Resource: lambda('raiseException'), End: true } },
});
const FAIL_STATE = JSON.stringify({
  StartAt: 'Stop',
  States: { Stop: { Type: 'Fail', Error: 'Rejected', Cause: 'the order was rejected' } },
});
const distributedMap = (executionType: 'STANDARD' | 'EXPRESS') =>
  JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        Label: 'Items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType },
          StartAt: 'Item',
          States: { Item: { Type: 'Pass', Parameters: { 'item.$': '$' }, End: true } },
        },
        End: true,
      },
    },
  });

function loggingConfiguration(level: Level, includeExecutionData: boolean, group: string) {
  const logGroupArn = `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*`;
  return { level, includeExecutionData, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }] };
}

async function run(definition: string, level: Level, includeExecutionData: boolean, input: unknown = {}) {
  const group = `/aws/vendedlogs/states/${uniqueName('exlogs')}`;
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('logged'),
    definition,
    loggingConfiguration: loggingConfiguration(level, includeExecutionData, group),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const described = await engine.sfn.waitForExecution({ executionArn });
  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  return { group, stateMachineArn, executionArn, described, events };
}

/** The log group's records (of one execution, when given), as the SDK's FilterLogEvents reads them. */
async function recordsIn(group: string, executionArn?: string): Promise<LogMessage[]> {
  try {
    const { events } = await logs.filterLogEvents({ logGroupName: group });
    const records = events.map((event) => JSON.parse(event.message) as LogMessage);
    return executionArn ? records.filter((record) => record.execution_arn === executionArn) : records;
  } catch (error) {
    if (error instanceof LogsError && error.name === 'ResourceNotFoundException') return [];
    throw error;
  }
}

/** Waits for `count` records (the worker writes them in batches a fraction of a second apart). */
function awaitRecords(group: string, count: number, executionArn?: string): Promise<LogMessage[]> {
  return pollUntil(
    async () => {
      const records = await recordsIn(group, executionArn);
      return records.length >= count ? records : undefined;
    },
    `${count} records of ${executionArn ?? 'any execution'} in ${group}`,
    20_000,
  );
}

/** The event's one `*EventDetails` member, as the API answers it. */
function detailsOf(event: HistoryEvent): Record<string, unknown> {
  const entry = Object.entries(event).find(([key]) => key.endsWith('EventDetails'));
  return (entry?.[1] as Record<string, unknown> | undefined) ?? {};
}

const DATA_FIELDS = ['input', 'inputDetails', 'output', 'outputDetails', 'parameters'];

test('ALL with execution data: one record per history event, in order, with the §14.3 fields and the data', async () => {
  const { group, executionArn, described, events } = await run(TASK_THEN_PASS, 'ALL', true, { name: 'Ada' });
  assert.equal(described.status, 'SUCCEEDED');
  await awaitRecords(group, events.length, executionArn);

  // As a user reads them: `tsf logs filter-log-events`, CloudWatch Logs' shape, each message a JSON record.
  const result = await runTsf(['logs', 'filter-log-events', '--log-group-name', group], env);
  assert.equal(result.code, 0, result.stderr);
  const printed = JSON.parse(result.stdout) as { events: { timestamp: number; message: string }[] };
  const records = printed.events.map((event) => JSON.parse(event.message) as LogMessage);
  assert.deepEqual(
    records,
    events.map((event) => ({
      id: String(event.id),
      type: event.type,
      details: detailsOf(event),
      previous_event_id: String(event.previousEventId),
      event_timestamp: String(event.timestamp.getTime()),
      execution_arn: executionArn,
      redrive_count: '0',
    })),
  );
  assert.deepEqual(
    printed.events.map((event) => event.timestamp),
    events.map((event) => event.timestamp.getTime()),
  );
  assert.equal(records[0]!.type, 'ExecutionStarted');
  assert.deepEqual(JSON.parse(records[0]!.details.input as string), { name: 'Ada' });
  assert.equal(records.at(-1)!.type, 'ExecutionSucceeded');
  assert.deepEqual(JSON.parse(records.at(-1)!.details.output as string), JSON.parse(described.output!));
});

test('ALL with execution data: an input over 248 KB is cut there and marked truncated', async () => {
  const big = 'x'.repeat(250 * 1024);
  const { group, executionArn, described, events } = await run(FAIL_STATE, 'ALL', true, { big });
  assert.equal(described.status, 'FAILED');
  const records = await awaitRecords(group, events.length, executionArn);
  const started = records.find((record) => record.type === 'ExecutionStarted')!;
  assert.deepEqual(started.details.inputDetails, { truncated: true });
  // 248 KB of escaped JSON text (the quotes of `{"big":"` count twice), cut from the start of the input.
  const input = started.details.input as string;
  assert.equal(Buffer.byteLength(JSON.stringify(input)) - 2, 248 * 1024);
  assert.ok(JSON.stringify({ big }).startsWith(input));
  // Without the cut, it is the history's: the execution itself saw the whole input.
  assert.deepEqual(JSON.parse(described.input!), { big });
});

test('ERROR without execution data: only the failure events, with no input or output', async () => {
  const task = await run(FAILING_TASK, 'ERROR', false, { order: 7 });
  assert.equal(task.described.status, 'FAILED');
  const taskRecords = await awaitRecords(task.group, 2, task.executionArn);
  assert.deepEqual(
    taskRecords.map((record) => record.type),
    ['LambdaFunctionFailed', 'ExecutionFailed'],
  );
  const failed = task.events.find((event) => event.type === 'ExecutionFailed')!;
  assert.deepEqual(taskRecords[1]!.details, detailsOf(failed));
  assert.equal(taskRecords[1]!.details.error, 'Exception');
  assert.equal(taskRecords[0]!.id, String(task.events.find((event) => event.type === 'LambdaFunctionFailed')!.id));

  const fail = await run(FAIL_STATE, 'ERROR', false, { order: 8 });
  const failRecords = await awaitRecords(fail.group, 2, fail.executionArn);
  assert.deepEqual(
    failRecords.map((record) => record.type),
    ['FailStateEntered', 'ExecutionFailed'],
  );
  // FailStateEntered carries the state's input in the history; the log leaves it out.
  assert.ok('input' in detailsOf(fail.events.find((event) => event.type === 'FailStateEntered')!));
  for (const record of [...taskRecords, ...failRecords]) {
    assert.deepEqual(
      Object.keys(record.details).filter((field) => DATA_FIELDS.includes(field)),
      [],
    );
  }
  assert.deepEqual(failRecords[0]!.details, { name: 'Stop' });

  // A run that succeeds has no failure to log.
  const succeeded = await run(TASK_THEN_PASS, 'ERROR', false, { name: 'Grace' });
  assert.equal(succeeded.described.status, 'SUCCEEDED');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.deepEqual(await recordsIn(succeeded.group), []);
});

test('FATAL: only the execution’s own failure', async () => {
  const { group, executionArn, events } = await run(FAILING_TASK, 'FATAL', true);
  const records = await awaitRecords(group, 1, executionArn);
  assert.deepEqual(
    records.map((record) => [record.id, record.type]),
    [[String(events.at(-1)!.id), 'ExecutionFailed']],
  );
});

test('OFF writes nothing, and a state machine updated to OFF logs no execution started after the update', async () => {
  const off = await run(FAILING_TASK, 'OFF', true);
  assert.equal(off.described.status, 'FAILED');

  const group = `/aws/vendedlogs/states/${uniqueName('exlogs')}`;
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('updated'),
    definition: FAILING_TASK,
    loggingConfiguration: loggingConfiguration('ALL', true, group),
  });
  await engine.sfn.updateStateMachine({ stateMachineArn, loggingConfiguration: { level: 'OFF' } });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'FAILED');

  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.deepEqual(await recordsIn(off.group), []);
  assert.deepEqual(await recordsIn(group), []);
});

test('a Distributed Map with EXPRESS children: each child’s records under its express: ARN', async () => {
  const items = [1, 2, 3];
  const { group, executionArn, described, events } = await run(distributedMap('EXPRESS'), 'ALL', true, items);
  assert.equal(described.status, 'SUCCEEDED');
  const mapRunArn = (events.find((e) => e.type === 'MapRunStarted')!.mapRunStartedEventDetails as { mapRunArn: string })
    .mapRunArn;
  // Parent: its own events; each child: ExecutionStarted, PassStateEntered, PassStateExited, ExecutionSucceeded.
  const all = await awaitRecords(group, events.length + 3 * 4);
  // An Express child's history is only in the logs: its ARN is `express:<machine>/<label>:<name>:<uuid>`.
  const expressPrefix = `${mapRunArn.replace(':mapRun:', ':express:').replace(/:[^:]+$/, '')}:`;
  const children = [...new Set(all.map((record) => record.execution_arn))].filter((arn) => arn !== executionArn);
  assert.equal(children.length, 3);
  const inputs: unknown[] = [];
  for (const child of children) {
    assert.ok(child.startsWith(expressPrefix), `${child} starts with ${expressPrefix}`);
    const records = await recordsIn(group, child);
    assert.deepEqual(
      records.map((record) => [record.id, record.type, record.redrive_count]),
      [
        ['1', 'ExecutionStarted', '0'],
        ['2', 'PassStateEntered', '0'],
        ['3', 'PassStateExited', '0'],
        ['4', 'ExecutionSucceeded', '0'],
      ],
    );
    inputs.push(JSON.parse(records[0]!.details.input as string));
    assert.deepEqual(JSON.parse(records[3]!.details.output as string), { item: inputs.at(-1) });
  }
  assert.deepEqual(inputs.sort(), items);
  assert.equal((await recordsIn(group, executionArn)).length, events.length);
});

test('a Distributed Map with STANDARD children: each child’s history under its ARN', async () => {
  const { group, executionArn, described, events } = await run(distributedMap('STANDARD'), 'ALL', true, [1, 2]);
  assert.equal(described.status, 'SUCCEEDED');
  const mapRunArn = (events.find((e) => e.type === 'MapRunStarted')!.mapRunStartedEventDetails as { mapRunArn: string })
    .mapRunArn;
  const { executions: children } = await engine.sfn.listExecutions({ mapRunArn, maxResults: 100 });
  assert.equal(children.length, 2);
  for (const child of children) {
    assert.match(child.executionArn, /:execution:[^:]+\/Items:/);
    const history = await engine.sfn.getExecutionHistory({ executionArn: child.executionArn, maxResults: 1000 });
    const records = await awaitRecords(group, history.events.length, child.executionArn);
    assert.deepEqual(
      records.map((record) => [record.id, record.type, record.details]),
      history.events.map((event) => [String(event.id), event.type, detailsOf(event)]),
    );
  }
  assert.equal((await awaitRecords(group, events.length, executionArn)).length, events.length);
});

test('logging adds no event to the execution’s Temporal history', async () => {
  const logged = await run(TASK_THEN_PASS, 'ALL', true, { name: 'Lin' });
  const plain = await run(TASK_THEN_PASS, 'OFF', true, { name: 'Lin' });
  assert.equal(
    (await awaitRecords(logged.group, logged.events.length, logged.executionArn)).length,
    logged.events.length,
  );
  const temporalEvents = async (executionArn: string) => {
    const history = await engine.client.workflow.getHandle(executionArn).fetchHistory();
    return (history.events ?? []).map((event) => event.eventType);
  };
  const withLogs = await temporalEvents(logged.executionArn);
  const without = await temporalEvents(plain.executionArn);
  assert.equal(withLogs.length, without.length);
  assert.deepEqual(withLogs, without);
});
