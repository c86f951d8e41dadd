/**
 * Execution log records (sfn-spec §14.3, §14.4) without a server: a history event as its record, data left out or
 * cut at 248 KB, the events each level logs, the pinned configuration; and the worker's writer over a real local
 * store in a temporary folder (batches in order, a failed store counted and reported, never thrown).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { EventLog } from '../../asl/events';
import { executionLogRecord, LocalLogStore, LogDelivery } from '../../activities/logs';
import { truncateEscaped, MAX_LOGGED_DATA_BYTES } from '../../activities/logs/execution-log-record';
import { executionLoggingOf, isLoggedAt } from '../../messages/execution-logging';
import { tempDir } from '../helpers/fixtures';

const ARN = 'arn:aws:states:us-east-1:000000000000:execution:orders:run-1';
const GROUP_ARN = 'arn:aws:logs:us-east-1:000000000000:log-group:orders:*';

function eventsOf(add: (log: EventLog) => void) {
  const seen: unknown[] = [];
  const log = new EventLog(
    () => 1_764_720_000_000,
    [],
    undefined,
    (event) => seen.push(event),
  );
  add(log);
  return { log, seen };
}

describe('execution log records', () => {
  test('an event as §14.3 writes it: numbers as strings, the details member as details', () => {
    const { log } = eventsOf((l) => {
      l.add('ExecutionStarted', 0, { input: '{"a":1}', inputDetails: { truncated: false }, roleArn: 'r' });
      l.add('PassStateEntered', 0);
    });
    const [started, entered] = log.all();
    const context = { executionArn: ARN, redriveCount: 2, includeExecutionData: true };
    assert.deepEqual(executionLogRecord(started!, context), {
      timestamp: 1_764_720_000_000,
      message: {
        id: '1',
        type: 'ExecutionStarted',
        details: { input: '{"a":1}', inputDetails: { truncated: false }, roleArn: 'r' },
        previous_event_id: '0',
        event_timestamp: '1764720000000',
        execution_arn: ARN,
        redrive_count: '2',
      },
    });
    assert.deepEqual((executionLogRecord(entered!, context).message as { details: unknown }).details, {});
  });

  test('without execution data: input, output, their details and a Task’s parameters are left out', () => {
    const { log } = eventsOf((l) => {
      l.add('TaskScheduled', 0, { resource: 'invoke', parameters: '{"p":1}', region: 'us-east-1' });
      l.add('ExecutionSucceeded', 1, { output: '{}', outputDetails: { truncated: false } });
      l.add('ExecutionFailed', 2, { error: 'Boom', cause: 'why' });
    });
    const context = { executionArn: ARN, redriveCount: 0, includeExecutionData: false };
    assert.deepEqual(
      log.all().map((event) => (executionLogRecord(event, context).message as { details: unknown }).details),
      [{ resource: 'invoke', region: 'us-east-1' }, {}, { error: 'Boom', cause: 'why' }],
    );
  });

  test('input and output over 248 KB of escaped text are cut there and marked truncated', () => {
    const output = JSON.stringify({ text: 'é"'.repeat(100_000) });
    const { log } = eventsOf((l) => l.add('ExecutionSucceeded', 0, { output, outputDetails: { truncated: false } }));
    const record = executionLogRecord(log.all()[0]!, {
      executionArn: ARN,
      redriveCount: 0,
      includeExecutionData: true,
    });
    const details = (record.message as { details: { output: string; outputDetails: unknown } }).details;
    assert.deepEqual(details.outputDetails, { truncated: true });
    assert.ok(output.startsWith(details.output));
    const escaped = Buffer.byteLength(JSON.stringify(details.output)) - 2;
    assert.ok(escaped <= MAX_LOGGED_DATA_BYTES && escaped > MAX_LOGGED_DATA_BYTES - 4, String(escaped));
  });

  test('a cut never splits a surrogate pair, and text that fits is kept whole', () => {
    assert.equal(truncateEscaped('a😀b', 4), 'a');
    assert.equal(truncateEscaped('a😀b', 5), 'a😀');
    assert.equal(truncateEscaped('a\nb', 3), 'a\n');
    assert.equal(truncateEscaped('\u0001x', 6), '\u0001');
    const fits = 'plain';
    assert.equal(truncateEscaped(fits, 5), fits);
  });

  test('the events each level logs (§14.4)', () => {
    const types = ['ExecutionStarted', 'TaskFailed', 'FailStateEntered', 'MapRunFailed', 'ExecutionFailed'];
    const at = (level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF') => types.filter((type) => isLoggedAt(level, type));
    assert.deepEqual(at('ALL'), types);
    assert.deepEqual(at('ERROR'), ['TaskFailed', 'FailStateEntered', 'MapRunFailed', 'ExecutionFailed']);
    assert.deepEqual(at('FATAL'), ['ExecutionFailed']);
    assert.deepEqual(at('OFF'), []);
  });

  test('an execution pins level, execution data and log group; OFF pins nothing', () => {
    const destinations = [{ cloudWatchLogsLogGroup: { logGroupArn: GROUP_ARN } }];
    assert.deepEqual(executionLoggingOf({ level: 'ERROR', includeExecutionData: true, destinations }), {
      level: 'ERROR',
      includeExecutionData: true,
      logGroupArn: GROUP_ARN,
    });
    assert.equal(executionLoggingOf({ level: 'OFF', includeExecutionData: true, destinations }), undefined);
    assert.equal(executionLoggingOf(undefined), undefined);
  });

  test('the event log tells its listener of new events only, not of those it took over', () => {
    const seen: string[] = [];
    const earlier = new EventLog(() => 1);
    earlier.add('ExecutionStarted', 0);
    const log = new EventLog(
      () => 2,
      earlier.all(),
      undefined,
      (event) => seen.push(event.type),
    );
    log.add('ExecutionRedriven', 1);
    assert.deepEqual(seen, ['ExecutionRedriven']);
  });
});

describe('the worker’s execution log writer', () => {
  test('writes queued records in batches, in the order they came, and everything left when closed', async () => {
    const root = tempDir('log-delivery');
    const store = new LocalLogStore(root, { workerId: 'w' });
    const delivery = new LogDelivery(store, { flushIntervalMs: 60_000, maxBatchRecords: 3 });
    for (let id = 1; id <= 4; id++) delivery.add(GROUP_ARN, { timestamp: 1000, message: { id: String(id) } });
    await delivery.close();
    const { events } = await store.filter({ logGroupName: 'orders' });
    assert.deepEqual(
      events.map((event) => JSON.parse(event.message).id),
      ['1', '2', '3', '4'],
    );
    assert.deepEqual(delivery.totals(), { events: 4, delivered: 4, failed: 0, batches: 2, dropped: 0 });
  });

  test('a store that cannot write: counted and reported, never thrown; a full queue drops and counts', async () => {
    const notAFolder = path.join(tempDir('log-delivery'), 'file');
    fs.writeFileSync(notAFolder, '');
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    const store = new LocalLogStore(notAFolder, { workerId: 'w', attempts: 1, warn });
    const delivery = new LogDelivery(store, { flushIntervalMs: 60_000, maxQueuedRecords: 2, warn });
    for (let id = 1; id <= 3; id++) delivery.add(GROUP_ARN, { timestamp: 1000, message: { id: String(id) } });
    await delivery.close();
    assert.deepEqual(delivery.totals(), { events: 2, delivered: 0, failed: 2, batches: 0, dropped: 1 });
    assert.ok(warnings.some((w) => w.includes('1 records dropped')));
    assert.ok(warnings.some((w) => w.includes('2 records not delivered, 1 dropped')));
  });
});
