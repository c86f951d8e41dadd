// Starts real dev servers (the CLI is built once into the cache folder if needed): run with
// `node --import tsx --test test/integration/dev-server.test.ts`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { msNumberToTs, tsToMs } from '@temporalio/common/lib/time';
import { isSupportedCliVersion, parseCliVersion } from '../../scripts/dev-server/cli-version';
import {
  ensureTemporalCli,
  findFreePort,
  findRunningServer,
  MIN_RETENTION_HOURS,
  prepareNamespace,
  SQLITE_SEARCH_ATTRIBUTE_SLOTS,
  startDevServer,
  TSF_SEARCH_ATTRIBUTES,
  type DevServer,
} from '../../scripts/dev-server';

const INDEXED_VALUE_TYPE_NAME: Record<number, string> = { 2: 'KEYWORD', 3: 'INT', 6: 'DATETIME' };
const quiet = () => undefined;

async function withConnection<T>(address: string, fn: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

async function retentionHours(address: string): Promise<number> {
  return withConnection(address, async (c) => {
    const ns = await c.workflowService.describeNamespace({ namespace: 'default' });
    return tsToMs(ns.config?.workflowExecutionRetentionTtl) / 3_600_000;
  });
}

async function customSearchAttributes(address: string): Promise<Record<string, string>> {
  return withConnection(address, async (c) => {
    const { customAttributes } = await c.operatorService.listSearchAttributes({ namespace: 'default' });
    return Object.fromEntries(
      Object.entries(customAttributes ?? {}).map(([k, v]) => [k, INDEXED_VALUE_TYPE_NAME[Number(v)] ?? String(v)]),
    );
  });
}

void describe('search attribute list', () => {
  void test('fits the SQLite visibility slots', () => {
    const counts: Record<string, number> = {};
    for (const { type } of TSF_SEARCH_ATTRIBUTES) counts[type] = (counts[type] ?? 0) + 1;
    for (const [type, n] of Object.entries(counts)) {
      assert.ok(n <= SQLITE_SEARCH_ATTRIBUTE_SLOTS[type as keyof typeof SQLITE_SEARCH_ATTRIBUTE_SLOTS], type);
    }
    assert.equal(new Set(TSF_SEARCH_ATTRIBUTES.map((a) => a.name)).size, TSF_SEARCH_ATTRIBUTES.length);
  });
});

void describe('CLI discovery', () => {
  void test('parses release and go-install version strings', () => {
    const release = parseCliVersion('temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)');
    assert.deepEqual(release && [release.cli, release.server], ['1.5.1', '1.29.1']);
    assert.ok(release && isSupportedCliVersion(release));
    const dev = parseCliVersion('temporal version 0.0.0-DEV (Server 1.29.1, UI 2.42.1)');
    assert.ok(dev && isSupportedCliVersion(dev));
    const old = parseCliVersion('temporal version 1.1.2 (Server 1.25.1, UI 2.31.2)');
    assert.ok(old && !isSupportedCliVersion(old));
    const newer = parseCliVersion('temporal version 1.6.0 (Server 1.30.0, UI 2.45.0)');
    assert.ok(newer && isSupportedCliVersion(newer));
    assert.equal(parseCliVersion('command not found'), undefined);
  });

  void test('a TEMPORAL_CLI that does not exist is a clear error', async () => {
    await assert.rejects(
      ensureTemporalCli(quiet, { ...process.env, TEMPORAL_CLI: '/nonexistent/temporal' }),
      /TEMPORAL_CLI=\/nonexistent\/temporal does not point at an executable/,
    );
  });
});

void describe('dev server', () => {
  let dataDir: string;
  let server: DevServer | undefined;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-dev-server-'));
    // Built (or found) here so that a first-run `go install` does not count against a test's timing.
    await ensureTemporalCli();
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  void test('starts, prepares the namespace, and keeps workflows across a restart', { timeout: 180_000 }, async () => {
    const port = await findFreePort();
    const workflowId = `dev-server-test-${Date.now()}`;

    const t0 = Date.now();
    server = await startDevServer({ dataDir, port, uiPort: false, log: quiet });
    console.error(`first start (fresh data dir): ${Date.now() - t0} ms (server startupMs ${server.startupMs})`);
    assert.equal(server.address, `127.0.0.1:${port}`);
    assert.ok(await findRunningServer(server.address));
    assert.ok(fs.existsSync(path.join(dataDir, 'temporal.db')));
    assert.ok(fs.existsSync(path.join(dataDir, 'temporal-server.log')));

    assert.ok((await retentionHours(server.address)) >= MIN_RETENTION_HOURS);
    const attributes = await customSearchAttributes(server.address);
    for (const { name, type } of TSF_SEARCH_ATTRIBUTES) assert.equal(attributes[name], type, name);

    // Starting a second server on the same data dir must be refused (both would own its single history shard).
    await assert.rejects(
      startDevServer({ dataDir, port: await findFreePort(), uiPort: false, log: quiet }),
      /Another Temporal dev server .* is using/,
    );

    await withConnection(server.address, async (connection) => {
      const client = new Client({ connection, namespace: 'default' });
      // No worker polls 'none': the workflow just stays Running, which is all we need for persistence.
      await client.workflow.start('nonexistent', { taskQueue: 'none', workflowId });
    });

    await server.stop();
    assert.equal(await findRunningServer(server.address), false);
    assert.ok(!fs.existsSync(path.join(dataDir, 'temporal-server.pid')));

    const port2 = await findFreePort();
    const t1 = Date.now();
    server = await startDevServer({ dataDir, port: port2, uiPort: false, log: quiet });
    console.error(`restart (existing data dir): ${Date.now() - t1} ms`);
    await withConnection(server.address, async (connection) => {
      const client = new Client({ connection, namespace: 'default' });
      const description = await client.workflow.getHandle(workflowId).describe();
      assert.equal(description.status.name, 'RUNNING');
      assert.equal(description.type, 'nonexistent');
    });
    assert.ok((await retentionHours(server.address)) >= MIN_RETENTION_HOURS);

    await server.stop();
    server = undefined;
  });

  void test('prepareNamespace repairs retention and missing search attributes', { timeout: 120_000 }, async () => {
    const port = await findFreePort();
    server = await startDevServer({ dataDir, port, uiPort: false, log: quiet });
    const { address } = server;
    const removed = TSF_SEARCH_ATTRIBUTES[TSF_SEARCH_ATTRIBUTES.length - 1]!.name;
    await withConnection(address, async (c) => {
      await c.operatorService.removeSearchAttributes({ namespace: 'default', searchAttributes: [removed] });
      await c.workflowService.updateNamespace({
        namespace: 'default',
        config: { workflowExecutionRetentionTtl: msNumberToTs(24 * 3_600_000) },
      });
    });
    assert.equal((await customSearchAttributes(address))[removed], undefined);
    assert.equal(await retentionHours(address), 24);

    const messages: string[] = [];
    const prepared = await prepareNamespace(address, 'default', (m) => messages.push(m));
    assert.deepEqual(prepared, { retentionHours: MIN_RETENTION_HOURS, addedSearchAttributes: [removed] });
    assert.ok((await retentionHours(address)) >= MIN_RETENTION_HOURS);
    assert.ok((await customSearchAttributes(address))[removed]);

    // Idempotent: nothing left to do the second time.
    assert.deepEqual(await prepareNamespace(address, 'default', quiet), {
      retentionHours: MIN_RETENTION_HOURS,
      addedSearchAttributes: [],
    });
    await server.stop();
    server = undefined;
  });
});
