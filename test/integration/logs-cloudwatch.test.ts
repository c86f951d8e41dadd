/**
 * Issue #14, point 3 (the endpoint store) and point 4 (reading): the log store against a real CloudWatch Logs API
 * (moto_server, started here as its own process). Records written through the store, with the group and stream
 * created on the way, read back with `tsf logs filter-log-events` and with the AWS CLI; a put of more than 10,000
 * events goes as two PutLogEvents.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchLogStore, openLogStore } from '../../activities/logs';
import { findFreePort } from '../../scripts/dev-server/free-port';
import { uniqueName } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { MOTO_CREDENTIALS, MOTO_REGION, startMotoServer, type MotoServer } from '../helpers/moto-server';
import { runCommand, runTsf } from '../helpers/processes';

let moto: MotoServer;
let store: CloudWatchLogStore;
const warnings: string[] = [];

before(async () => {
  moto = await startMotoServer();
  store = new CloudWatchLogStore(
    { endpoint: moto.endpoint, region: MOTO_REGION, credentials: MOTO_CREDENTIALS },
    { workerId: 'worker-1', warn: (message) => warnings.push(message) },
  );
});
after(async () => {
  store?.close();
  await moto?.stop();
});

/** The environment of a user pointing `tsf logs` or the AWS CLI at the endpoint, with dummy keys. */
function endpointEnv(): Record<string, string> {
  const home = tempDir('logs-cli-home');
  return {
    HOME: home,
    TSF_LOGS_ENDPOINT: moto.endpoint,
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: MOTO_REGION,
    AWS_DEFAULT_REGION: MOTO_REGION,
    AWS_CONFIG_FILE: `${home}/none`,
    AWS_SHARED_CREDENTIALS_FILE: `${home}/none`,
  };
}

type Events = { events: { logStreamName: string; timestamp: number; message: string; eventId: string }[] };

async function tsfLogs(args: string[]): Promise<Events> {
  const result = await runTsf(['logs', ...args], endpointEnv());
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Events;
}

async function awsLogs(args: string[]): Promise<Events> {
  const result = await runCommand('aws', ['logs', ...args, '--endpoint-url', moto.endpoint, '--output', 'json'], {
    cwd: process.cwd(),
    env: { ...process.env, ...endpointEnv() },
  });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Events;
}

test('records put through the store (group and stream created) read back by tsf logs and the AWS CLI', async () => {
  const group = `/aws/vendedlogs/states/${uniqueName('orders')}`;
  const arn = `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*`;
  const now = Date.now();
  const records = [
    { timestamp: now - 2000, message: { id: '1', type: 'ExecutionStarted', redrive_count: '0' } },
    { timestamp: now - 1000, message: { id: '2', type: 'TaskFailed', details: { error: 'Boom' } } },
    { timestamp: now, message: { id: '3', type: 'ExecutionFailed', details: { error: 'Boom' } } },
  ];
  const report = await store.put(arn, records);
  assert.deepEqual(report, { events: 3, delivered: 3, failed: 0, batches: 1 });

  const stream = `${new Date(now).toISOString().slice(0, 10).replaceAll('-', '/')}/worker-1`;
  const ours = await tsfLogs(['filter-log-events', '--log-group-name', group]);
  assert.deepEqual(
    ours.events.map((e) => [e.logStreamName, e.timestamp, JSON.parse(e.message)]),
    records.map((r) => [stream, r.timestamp, r.message]),
  );
  const theirs = await awsLogs(['filter-log-events', '--log-group-name', group]);
  assert.deepEqual(
    theirs.events.map((e) => [e.logStreamName, e.timestamp, e.message, e.eventId]),
    ours.events.map((e) => [e.logStreamName, e.timestamp, e.message, e.eventId]),
  );

  // The pattern goes to the server as it is (moto answers terms and phrases).
  const failed = await tsfLogs(['filter-log-events', '--log-group-name', group, '--filter-pattern', 'Boom']);
  assert.deepEqual(
    failed.events.map((e) => JSON.parse(e.message).id),
    ['2', '3'],
  );
  const ranged = await tsfLogs(['filter-log-events', '--log-group-name', group, '--start-time', String(now - 1000)]);
  assert.deepEqual(
    ranged.events.map((e) => JSON.parse(e.message).id),
    ['2', '3'],
  );
  assert.deepEqual(warnings, []);
});

test('a put of 10,001 events goes as two PutLogEvents, and every event can be read back', async () => {
  const group = uniqueName('big');
  const arn = `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*`;
  const start = Date.now() - 60_000;
  const records = Array.from({ length: 10_001 }, (_, i) => ({
    timestamp: start + Math.floor(i / 2),
    message: `e${i}`,
  }));
  const report = await store.put(arn, records);
  assert.deepEqual(report, { events: 10_001, delivered: 10_001, failed: 0, batches: 2 });

  // The server's own count of the stream's uploads (each PutLogEvents advances its sequence token).
  const { logStreams } = await store.client.send(new DescribeLogStreamsCommand({ logGroupName: group }));
  assert.equal(logStreams?.length, 1);
  assert.equal(Number(logStreams?.[0]?.uploadSequenceToken), 2);

  // Through openLogStore, as the worker and `tsf logs` open it from the environment.
  const fromEnv = openLogStore({ ...process.env, ...endpointEnv() });
  try {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await fromEnv.filter({ logGroupName: group, nextToken });
      seen.push(...page.events.map((e) => e.message));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.equal(seen.length, 10_001);
    assert.deepEqual(new Set(seen).size, 10_001);
  } finally {
    fromEnv.close();
  }
});

test('reading a log group that does not exist fails with ResourceNotFoundException', async () => {
  const result = await runTsf(['logs', 'filter-log-events', '--log-group-name', uniqueName('absent')], endpointEnv());
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^ResourceNotFoundException: /m);
});

test('a delivery the endpoint never takes is retried, then counted and reported, not thrown', async () => {
  const closed = `http://127.0.0.1:${await findFreePort()}`;
  const reported: string[] = [];
  const unreachable = new CloudWatchLogStore(
    { endpoint: closed, region: MOTO_REGION, credentials: MOTO_CREDENTIALS },
    { workerId: 'worker-2', attempts: 3, retryDelayMs: 10, warn: (message) => reported.push(message) },
  );
  try {
    const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:nowhere:*';
    const report = await unreachable.put(arn, [
      { timestamp: Date.now(), message: { id: '1' } },
      { timestamp: Date.now(), message: { id: '2' } },
    ]);
    assert.deepEqual(report, { events: 2, delivered: 0, failed: 2, batches: 0 });
    assert.deepEqual(unreachable.totals(), report);
    assert.match(reported[0]!, /^Log delivery to nowhere\/\d{4}\/\d\d\/\d\d\/worker-2 failed after 3 attempts: /);
    assert.equal(reported[1], 'Log delivery to nowhere: 2 of 2 events not delivered');
  } finally {
    unreachable.close();
  }
});
