/** What a Map Run asks of its role before it starts children (workflows/map-run/permissions.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MapRunConfig } from '../../workflows/map-run/config';
import { errorForDenied, startRequests } from '../../workflows/map-run/permissions';

const config = (extra: Partial<MapRunConfig> = {}) =>
  ({
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:orders',
    stateMachineName: 'orders',
    label: 'Items',
    scope: { region: 'us-east-1', account: '000000000000' },
    executionType: 'STANDARD',
    ...extra,
  }) as MapRunConfig;

test('a first attempt needs StartExecution on the state machine, and PutObject under the ResultWriter prefix', () => {
  const writer = { bucket: 'results', prefix: 'jobs/', transformation: 'NONE', outputType: 'JSON' } as const;
  assert.deepEqual(startRequests(config({ resultWriter: writer }), { children: true, redrive: false }), [
    { action: 's3:PutObject', resource: 'arn:aws:s3:::results/jobs/*' },
    { action: 'states:StartExecution', resource: 'arn:aws:states:us-east-1:000000000000:stateMachine:orders' },
  ]);
  const noPrefix = { ...writer, prefix: '' };
  assert.deepEqual(startRequests(config({ resultWriter: noPrefix }), { children: false, redrive: false }), [
    { action: 's3:PutObject', resource: 'arn:aws:s3:::results/*' },
  ]);
});

test('a redrive of Standard children also needs RedriveExecution on the labelled children; Express ones do not', () => {
  const redrive = {
    action: 'states:RedriveExecution',
    resource: 'arn:aws:states:us-east-1:000000000000:execution:orders/Items:*',
  };
  assert.deepEqual(startRequests(config(), { children: true, redrive: true }).at(-1), redrive);
  const express = startRequests(config({ executionType: 'EXPRESS' }), { children: true, redrive: true });
  assert.deepEqual(
    express.map((r) => r.action),
    ['states:StartExecution'],
  );
});

test('a refused write is a writer fault, a refused start or redrive a permissions fault', () => {
  assert.equal(errorForDenied('s3:PutObject'), 'States.ResultWriterFailed');
  assert.equal(errorForDenied('states:StartExecution'), 'States.Permissions');
  assert.equal(errorForDenied('states:RedriveExecution'), 'States.Permissions');
});
