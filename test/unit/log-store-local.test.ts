/**
 * The local log store on a temporary folder: the file layout (`<group>/<stream>.jsonl`, a file per UTC day), reads
 * in FilterLogEvents' shape with time ranges, patterns and pages, and a failed write counted, not thrown.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { LocalLogStore, openLogStore } from '../../activities/logs';
import { Logs } from '../../client/logs';
import { tempDir } from '../helpers/fixtures';

const GROUP = '/aws/vendedlogs/states/orders';
const ARN = `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}:*`;
const DAY = Date.UTC(2026, 11, 3);

describe('local log store', () => {
  test('writes one file per stream and day under the log group, and reads the records back in time order', async () => {
    const root = tempDir('logs');
    const store = new LocalLogStore(root, { workerId: '42@host' });
    const report = await store.put(ARN, [
      { timestamp: DAY + 86_400_000, message: { id: '3', type: 'ExecutionSucceeded' } },
      { timestamp: DAY + 1000, message: { id: '1', type: 'ExecutionStarted' } },
      { timestamp: DAY + 2000, message: { id: '2', type: 'PassStateEntered' } },
    ]);
    assert.deepEqual(report, { events: 3, delivered: 3, failed: 0, batches: 2 });
    assert.deepEqual(fs.readdirSync(path.join(root, '%2Faws%2Fvendedlogs%2Fstates%2Forders')).sort(), [
      '2026%2F12%2F03%2F42%40host.jsonl',
      '2026%2F12%2F04%2F42%40host.jsonl',
    ]);

    const { events, nextToken } = await store.filter({ logGroupName: GROUP });
    assert.equal(nextToken, undefined);
    assert.deepEqual(
      events.map((e) => [e.logStreamName, e.timestamp, JSON.parse(e.message).id]),
      [
        ['2026/12/03/42@host', DAY + 1000, '1'],
        ['2026/12/03/42@host', DAY + 2000, '2'],
        ['2026/12/04/42@host', DAY + 86_400_000, '3'],
      ],
    );
    assert.equal(new Set(events.map((e) => e.eventId)).size, 3);
    assert.ok(events.every((e) => e.ingestionTime >= Date.now() - 60_000));

    const ranged = await store.filter({ logGroupName: GROUP, startTime: DAY + 2000, endTime: DAY + 86_400_000 });
    assert.deepEqual(
      ranged.events.map((e) => JSON.parse(e.message).id),
      ['2', '3'],
    );
    const filtered = await store.filter({ logGroupName: GROUP, filterPattern: '{ $.type = "Execution*" }' });
    assert.deepEqual(
      filtered.events.map((e) => JSON.parse(e.message).id),
      ['1', '3'],
    );

    // A line a crash cut short does not hide the others.
    fs.appendFileSync(
      path.join(root, '%2Faws%2Fvendedlogs%2Fstates%2Forders', '2026%2F12%2F03%2F42%40host.jsonl'),
      '{"timest',
    );
    const whole = await store.filter({ logGroupName: GROUP });
    assert.equal(whole.events.length, 3);
    // ... nor the next one another process appends after it.
    const next = new LocalLogStore(root, { workerId: '42@host' });
    await next.put(ARN, [{ timestamp: DAY + 3000, message: { id: '2b' } }]);
    const after = await next.filter({ logGroupName: GROUP, startTime: DAY + 3000, endTime: DAY + 3000 });
    assert.deepEqual(
      after.events.map((e) => JSON.parse(e.message).id),
      ['2b'],
    );
  });

  test('pages with limit and nextToken, across streams of several workers', async () => {
    const root = tempDir('logs');
    const a = new LocalLogStore(root, { workerId: 'a' });
    const b = new LocalLogStore(root, { workerId: 'b' });
    await a.put(
      ARN,
      [1, 3, 5].map((i) => ({ timestamp: DAY + i, message: `event ${i}` })),
    );
    await b.put(
      ARN,
      [2, 4].map((i) => ({ timestamp: DAY + i, message: `event ${i}` })),
    );
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await a.filter({ logGroupName: GROUP, limit: 2, nextToken });
      seen.push(...page.events.map((e) => e.message));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.deepEqual(seen, ['event 1', 'event 2', 'event 3', 'event 4', 'event 5']);
    assert.equal(pages, 3);
  });

  test('a log group never written to is ResourceNotFoundException; a write that cannot be made is counted', async () => {
    const root = tempDir('logs');
    const warnings: string[] = [];
    const store = new LocalLogStore(root, {
      workerId: 'w',
      attempts: 2,
      retryDelayMs: 1,
      warn: (m) => warnings.push(m),
    });
    await assert.rejects(store.filter({ logGroupName: 'absent' }), { name: 'ResourceNotFoundException' });

    // A file where the group's folder should be: every attempt fails.
    fs.writeFileSync(path.join(root, 'blocked'), '');
    const report = await store.put('arn:aws:logs:us-east-1:000000000000:log-group:blocked:*', [
      { timestamp: DAY, message: 'lost' },
    ]);
    assert.deepEqual(report, { events: 1, delivered: 0, failed: 1, batches: 0 });
    assert.deepEqual(store.totals(), report);
    assert.match(warnings.join('\n'), /Log delivery to blocked: 1 of 1 events not written/);
  });

  test('openLogStore: $TSF_DATA_DIR/logs by default, the endpoint store when TSF_LOGS_ENDPOINT is set', () => {
    const local = openLogStore({ TSF_DATA_DIR: '/tmp/tsf-x' });
    assert.equal(local.kind, 'local');
    assert.equal((local as LocalLogStore).root, '/tmp/tsf-x/logs');
    const remote = openLogStore({ TSF_LOGS_ENDPOINT: 'http://127.0.0.1:1' });
    assert.equal(remote.kind, 'cloudwatch');
    remote.close();
  });
});

describe('Logs (the SDK reader)', () => {
  test('filterLogEvents answers from the store and refuses a bad request naming the field', async () => {
    const store = new LocalLogStore(tempDir('logs'), { workerId: 'w' });
    await store.put(ARN, [{ timestamp: DAY, message: { id: '1' } }]);
    const logs = new Logs(store);
    const { events } = await logs.filterLogEvents({ logGroupName: GROUP });
    assert.deepEqual(
      events.map((e) => e.message),
      ['{"id":"1"}'],
    );
    await assert.rejects(logs.filterLogEvents({ logGroupName: GROUP, limit: 0 }), {
      name: 'InvalidParameterException',
      message: /Value at 'limit' failed to satisfy constraint/,
    });
    await assert.rejects(logs.filterLogEvents({ logGroupName: 'bad name' }), {
      name: 'InvalidParameterException',
      message: /Value at 'logGroupName'/,
    });
    const tailed = [];
    for await (const event of logs.tail({ logGroupName: GROUP, startTime: DAY })) tailed.push(event.message);
    assert.deepEqual(tailed, ['{"id":"1"}']);
  });
});
