// `tsf setup` on the test run's dev server, one namespace of its own per test: creates a namespace with 14 days'
// retention and the engine's search attributes; a second run changes nothing; --dry-run changes nothing; a
// namespace with less retention is an error unless --set-retention raises it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '@temporalio/client';
import { msNumberToTs, tsToMs } from '@temporalio/common/lib/time';
import { connectTemporal } from '../../client/connect';
import { INDEXED_VALUE_TYPE } from '../../client/setup-plan';
import { TSF_SEARCH_ATTRIBUTES } from '../../messages/search-attributes';
import { testAddress, testSettings, uniqueName } from '../helpers/engine';
import { runTsf } from '../helpers/processes';

const DAY_MS = 24 * 3600 * 1000;
const ENGINE_ATTRIBUTES = TSF_SEARCH_ATTRIBUTES.map((a) => a.name);
let connection: Connection;

before(async () => {
  connection = await connectTemporal(testSettings());
});
after(async () => {
  await connection?.close();
});

async function setup(namespace: string, ...flags: string[]) {
  const result = await runTsf(['setup', ...flags], { TEMPORAL_ADDRESS: testAddress(), TEMPORAL_NAMESPACE: namespace });
  return { ...result, report: result.stdout ? JSON.parse(result.stdout) : undefined };
}

async function retentionDays(namespace: string): Promise<number | undefined> {
  try {
    const described = await connection.workflowService.describeNamespace({ namespace });
    return tsToMs(described.config?.workflowExecutionRetentionTtl) / DAY_MS;
  } catch (error) {
    if (/not found/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

async function engineAttributes(namespace: string): Promise<Record<string, number>> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  return Object.fromEntries(
    Object.entries(customAttributes ?? {})
      .filter(([name]) => ENGINE_ATTRIBUTES.includes(name))
      .map(([name, type]) => [name, Number(type)]),
  );
}

const allAttributes = Object.fromEntries(
  TSF_SEARCH_ATTRIBUTES.map(({ name, type }) => [name, INDEXED_VALUE_TYPE[type]]),
);

void describe('tsf setup', { timeout: 180_000 }, () => {
  void test('a fresh namespace: created with 14 days and the search attributes; a second run changes nothing', async () => {
    const namespace = uniqueName('tsf-setup');
    const first = await setup(namespace);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(first.report.plan[0], { action: 'createNamespace', namespace, retentionDays: 14 });
    assert.equal(first.report.plan[1].action, 'addSearchAttributes');
    assert.deepEqual(Object.keys(first.report.plan[1].searchAttributes), ENGINE_ATTRIBUTES);
    assert.equal(first.report.changed, true);
    assert.equal(first.report.retentionDays, 14);
    assert.deepEqual(first.report.searchAttributes, ENGINE_ATTRIBUTES);
    assert.equal(
      first.report.message,
      `Created namespace ${namespace} with a retention of 14 days, registered 10 search attributes`,
    );
    assert.equal(first.report.connection.sources.namespace, 'TEMPORAL_NAMESPACE');
    assert.equal(await retentionDays(namespace), 14);
    assert.deepEqual(await engineAttributes(namespace), allAttributes);

    // The engine works in it at once: listing runs a query on the new attributes.
    const listed = await runTsf(['list-state-machines'], { TEMPORAL_NAMESPACE: namespace });
    assert.equal(listed.code, 0, listed.stderr);

    const second = await setup(namespace);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(second.report.plan, []);
    assert.equal(second.report.changed, false);
    assert.equal(second.report.message, `Namespace ${namespace} is ready for the engine: nothing to change`);
  });

  void test('--dry-run prints the plan and changes nothing', async () => {
    const namespace = uniqueName('tsf-dry');
    const dry = await setup(namespace, '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(dry.report.dryRun, true);
    assert.equal(dry.report.changed, false);
    assert.deepEqual(
      dry.report.plan.map((s: { action: string }) => s.action),
      ['createNamespace', 'addSearchAttributes'],
    );
    assert.match(dry.report.message, /^Dry run, nothing changed\. Would create namespace/);
    assert.equal(dry.report.retentionDays, null);
    assert.equal(await retentionDays(namespace), undefined, 'the namespace was not created');
  });

  void test('1 day of retention: an error without --set-retention (nothing changed), raised with it', async () => {
    const namespace = uniqueName('tsf-short');
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msNumberToTs(DAY_MS),
    });
    for (let i = 0; (await retentionDays(namespace)) === undefined && i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const refused = await setup(namespace);
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, '');
    assert.equal(
      refused.stderr.trim(),
      `NamespaceNotReady: Namespace '${namespace}' keeps closed workflows for 1 day; the engine needs at least 14 ` +
        'days (the redrivable period: redrive reads the histories of closed executions). Run `tsf setup ' +
        '--set-retention` to raise it (it is never lowered)',
    );
    assert.equal(await retentionDays(namespace), 1);
    assert.deepEqual(await engineAttributes(namespace), {}, 'nothing registered either');

    const dry = await setup(namespace, '--dry-run');
    assert.equal(dry.code, 1);
    assert.equal(dry.report.problems.length, 1);
    assert.match(dry.stderr, /^NamespaceNotReady: .*--set-retention/);

    const raised = await setup(namespace, '--set-retention');
    assert.equal(raised.code, 0, raised.stderr);
    assert.deepEqual(raised.report.plan[0], { action: 'raiseRetention', namespace, fromDays: 1, toDays: 14 });
    assert.equal(
      raised.report.message,
      `Raised the retention of namespace ${namespace} from 1 to 14 days, registered 10 search attributes`,
    );
    assert.equal(await retentionDays(namespace), 14);
    assert.deepEqual(await engineAttributes(namespace), allAttributes);
  });
});
