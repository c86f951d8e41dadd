/**
 * Issue #14, point 4, over the local log store: records written to `$TSF_DATA_DIR/logs` (a temporary data folder)
 * and read as a user reads them, `tsf logs filter-log-events` and `tsf logs tail` run as processes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { openLogStore } from '../../activities/logs';
import { testAddress, uniqueName } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';
import { runTsf } from '../helpers/processes';

const dataDir = tempDir('logs-data');
const env = { TSF_DATA_DIR: dataDir, TSF_LOGS_ENDPOINT: '' };
const store = openLogStore(env, { workerId: 'worker-a' });
const group = `/aws/vendedlogs/states/${uniqueName('local')}`;
const arn = `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*`;
const EXECUTION = 'arn:aws:states:us-east-1:000000000000:execution:orders:run-1';

const record = (id: number, type: string, at: number, details: Record<string, unknown> = {}) => ({
  timestamp: at,
  message: { id: String(id), type, details, execution_arn: EXECUTION, redrive_count: '0' },
});

type Events = { events: { logStreamName: string; timestamp: number; message: string; ingestionTime: number }[] };

async function tsf(args: string[]) {
  const result = await runTsf(args, env);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

test('tsf logs filter-log-events: every event in FilterLogEvents shape, by time range and by pattern', async () => {
  const now = Date.now();
  await store.put(arn, [
    record(1, 'ExecutionStarted', now - 3000),
    record(2, 'TaskFailed', now - 2000, { error: 'Boom', cause: 'the handler threw' }),
    record(3, 'ExecutionFailed', now - 1000, { error: 'Boom' }),
  ]);
  const all = JSON.parse(await tsf(['logs', 'filter-log-events', '--log-group-name', group])) as Events;
  const stream = `${new Date(now - 3000).toISOString().slice(0, 10).replaceAll('-', '/')}/worker-a`;
  assert.deepEqual(
    all.events.map((e) => [e.logStreamName, e.timestamp, JSON.parse(e.message).type]),
    [
      [stream, now - 3000, 'ExecutionStarted'],
      [stream, now - 2000, 'TaskFailed'],
      [stream, now - 1000, 'ExecutionFailed'],
    ],
  );
  assert.ok(all.events.every((e) => e.ingestionTime >= now - 60_000 && typeof e.message === 'string'));

  const json = JSON.parse(
    await tsf([
      'logs',
      'filter-log-events',
      '--log-group-name',
      group,
      '--filter-pattern',
      '{ $.details.error = "Boom" }',
    ]),
  ) as Events;
  assert.deepEqual(
    json.events.map((e) => JSON.parse(e.message).id),
    ['2', '3'],
  );
  const phrase = JSON.parse(
    await tsf(['logs', 'filter-log-events', '--log-group-name', group, '--filter-pattern', '"handler threw"']),
  ) as Events;
  assert.deepEqual(
    phrase.events.map((e) => JSON.parse(e.message).id),
    ['2'],
  );
  const ranged = JSON.parse(
    await tsf([
      'logs',
      'filter-log-events',
      '--log-group-name',
      group,
      '--start-time',
      String(now - 2500),
      '--end-time',
      String(now - 1500),
    ]),
  ) as Events;
  assert.deepEqual(
    ranged.events.map((e) => JSON.parse(e.message).id),
    ['2'],
  );
  // --max-items stops early with a token that resumes right after.
  const first = JSON.parse(
    await tsf(['logs', 'filter-log-events', '--log-group-name', group, '--max-items', '2']),
  ) as Events & { nextToken: string };
  assert.equal(first.events.length, 2);
  const rest = JSON.parse(
    await tsf(['logs', 'filter-log-events', '--log-group-name', group, '--next-token', first.nextToken]),
  ) as Events;
  assert.deepEqual(
    rest.events.map((e) => JSON.parse(e.message).id),
    ['3'],
  );

  const missing = await runTsf(['logs', 'filter-log-events', '--log-group-name', 'no-such-group'], env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^ResourceNotFoundException: The specified log group does not exist\.$/m);
});

test('tsf logs tail: recent events one a line, --since and --filter-pattern', async () => {
  const tailed = uniqueName('tail');
  const tailArn = `arn:aws:logs:us-east-1:000000000000:log-group:${tailed}:*`;
  const now = Date.now();
  await store.put(tailArn, [
    record(1, 'ExecutionStarted', now - 2 * 3_600_000),
    record(2, 'TaskFailed', now - 60_000),
    record(3, 'ExecutionSucceeded', now - 30_000),
  ]);
  const recent = (await tsf(['logs', 'tail', tailed])).trim().split('\n');
  assert.equal(recent.length, 2, recent.join('\n'));
  const [time, stream, message] = recent[0]!.split(' ');
  assert.equal(time, new Date(now - 60_000).toISOString());
  assert.match(stream!, /^\d{4}\/\d\d\/\d\d\/worker-a$/);
  assert.equal(JSON.parse(message!).type, 'TaskFailed');

  const day = (await tsf(['logs', 'tail', tailed, '--since', '3h', '--format', 'short'])).trim().split('\n');
  assert.deepEqual(
    day.map((line) => JSON.parse(line.split(' ')[1]!).id),
    ['1', '2', '3'],
  );
  const filtered = (
    await tsf(['logs', 'tail', tailed, '--since', '1d', '--filter-pattern', 'ExecutionSucceeded'])
  ).trim();
  assert.equal(JSON.parse(filtered.split(' ')[2]!).id, '3');
});

test('tsf logs tail --follow prints events as they are written, and ends on SIGTERM', async () => {
  const followed = uniqueName('follow');
  const followedArn = `arn:aws:logs:us-east-1:000000000000:log-group:${followed}:*`;
  await store.put(followedArn, [record(1, 'ExecutionStarted', Date.now() - 1000)]);
  const child = spawn(
    process.execPath,
    [path.resolve(__dirname, '../../bin/tsf.cjs'), 'logs', 'tail', followed, '--follow', '--format', 'short'],
    { env: { ...process.env, TEMPORAL_ADDRESS: testAddress(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const ids = () =>
      stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line.slice(line.indexOf(' ') + 1)).id as string);
    await pollUntil(async () => (ids().length === 1 ? true : undefined), 'the first event', 20_000);
    await store.put(followedArn, [record(2, 'PassStateEntered', Date.now()), record(3, 'PassStateExited', Date.now())]);
    await pollUntil(async () => (ids().length === 3 ? true : undefined), 'the events written later', 20_000);
    assert.deepEqual(ids(), ['1', '2', '3']);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, stderr);
});
