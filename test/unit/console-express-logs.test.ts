/**
 * The console sums Express executions up from their log records: status from the closing record (RUNNING without
 * one), dates from the timestamps, input, output, error and cause from the details, the records as history events;
 * and links an `express:` ARN to the page that reads its logs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExecutionLogMessage } from '../../activities/logs';
import {
  expressExecutionDetailsOf,
  expressExecutionsOf,
  historyEventOf,
} from '../../console/server/express-log-summary';
import { executionHref } from '../../console/web/src/router';

const base = 'arn:aws:states:us-east-1:000000000000';
const failedArn = `${base}:express:orders:broken:11111111-aaaa`;
const runningArn = `${base}:express:orders:slow:22222222-bbbb`;
const childArn = `${base}:express:orders/Items:child-1:child-1`;

function record(arn: string, id: number, type: string, at: number, details: Record<string, string> = {}) {
  const message: ExecutionLogMessage = {
    id: String(id),
    type,
    details,
    previous_event_id: String(id - 1),
    event_timestamp: String(at),
    execution_arn: arn,
    redrive_count: '0',
  };
  return message;
}

const records = [
  record(failedArn, 1, 'ExecutionStarted', 1000, { input: '{"a":1}', roleArn: 'r' }),
  record(failedArn, 2, 'FailStateEntered', 1001, { name: 'Stop', input: '{"a":1}' }),
  record(failedArn, 3, 'ExecutionFailed', 1002, { error: 'Rejected', cause: 'no' }),
  // Written again by an attempt run again: counted once.
  record(failedArn, 3, 'ExecutionFailed', 1002, { error: 'Rejected', cause: 'no' }),
  record(runningArn, 1, 'ExecutionStarted', 2000, { input: '{}' }),
  record(runningArn, 2, 'PassStateEntered', 2001, { name: 'Wait' }),
  record(childArn, 1, 'ExecutionStarted', 500, { input: '1' }),
  record(childArn, 2, 'ExecutionSucceeded', 600, { output: '{"item":1}' }),
];

test('executions grouped from their records, newest first, status from the closing record', () => {
  const listed = expressExecutionsOf(records);
  assert.deepEqual(
    listed.map((e) => [e.name, e.status, e.startDate.getTime(), e.stopDate?.getTime()]),
    [
      ['slow', 'RUNNING', 2000, undefined],
      ['broken', 'FAILED', 1000, 1002],
      ['child-1', 'SUCCEEDED', 500, 600],
    ],
  );
  assert.equal(listed[1]!.stateMachineArn, `${base}:stateMachine:orders`);
  assert.equal(listed[2]!.stateMachineArn, `${base}:stateMachine:orders/Items`);
});

test('one execution’s details: input, error and cause, its records as history events', () => {
  const { execution, events } = expressExecutionDetailsOf(failedArn, records);
  assert.equal(execution?.status, 'FAILED');
  assert.equal(execution?.input, '{"a":1}');
  assert.equal(execution?.output, undefined);
  assert.deepEqual([execution?.error, execution?.cause], ['Rejected', 'no']);
  assert.deepEqual(
    events.map((e) => [e.id, e.type]),
    [
      [1, 'ExecutionStarted'],
      [2, 'FailStateEntered'],
      [3, 'ExecutionFailed'],
    ],
  );
  assert.deepEqual(events[1]!.stateEnteredEventDetails, { name: 'Stop', input: '{"a":1}' });
  assert.equal(expressExecutionDetailsOf(childArn, records).execution?.output, '{"item":1}');
  assert.deepEqual(expressExecutionDetailsOf(`${base}:express:orders:none:0`, records), { events: [] });
});

test('a record without details becomes an event without a details member', () => {
  const event = historyEventOf(record(runningArn, 5, 'WaitStateAborted', 3000));
  assert.deepEqual(event, { id: 5, previousEventId: 4, type: 'WaitStateAborted', timestamp: new Date(3000) });
});

test('an express: ARN links to the page that reads its logs; others to Execution Details', () => {
  assert.equal(executionHref(childArn), `#/express-executions/${encodeURIComponent(childArn)}`);
  const standard = `${base}:execution:orders/Items:child-1`;
  assert.equal(executionHref(standard), `#/executions/${encodeURIComponent(standard)}`);
});

test('a child a redrive ran again shows its latest run: its own events, status and output, no earlier error', () => {
  const rerunArn = `${base}:express:orders/Items:child-2:map-run-1`;
  const runs = [
    record(rerunArn, 1, 'ExecutionStarted', 100, { input: '2' }),
    record(rerunArn, 2, 'TaskStateEntered', 101, { name: 'Work' }),
    record(rerunArn, 3, 'ExecutionFailed', 102, { error: 'NotReady', cause: 'not yet' }),
    // The redrive's run of the same child, under the same ARN, numbers its events from 1 again.
    record(rerunArn, 1, 'ExecutionStarted', 900, { input: '2' }),
    record(rerunArn, 2, 'TaskStateEntered', 901, { name: 'Work' }),
    record(rerunArn, 3, 'ExecutionSucceeded', 902, { output: '{"item":2}' }),
  ];
  const { execution, events } = expressExecutionDetailsOf(rerunArn, runs);
  assert.deepEqual(
    [execution?.status, execution?.output, execution?.error, execution?.startDate.getTime()],
    ['SUCCEEDED', '{"item":2}', undefined, 900],
  );
  assert.deepEqual(
    events.map((e) => [e.id, e.type, e.timestamp.getTime()]),
    [
      [1, 'ExecutionStarted', 900],
      [2, 'TaskStateEntered', 901],
      [3, 'ExecutionSucceeded', 902],
    ],
  );
  assert.deepEqual(
    expressExecutionsOf(runs).map((e) => [e.status, e.startDate.getTime(), e.stopDate?.getTime()]),
    [['SUCCEEDED', 900, 902]],
  );
});
