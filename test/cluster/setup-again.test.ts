// `tsf setup` is idempotent on a real cluster: the cluster's start ran it (scripts/cluster/namespace.ts uses the
// same code), so running it again over mTLS finds the namespace ready and changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TSF_SEARCH_ATTRIBUTES } from '../../messages/search-attributes';
import { testSettings } from '../helpers/engine';
import { runTsf } from '../helpers/processes';

test('`tsf setup` a second time: exit 0, nothing to change', async () => {
  const { namespace, address, configFile } = testSettings();
  // The profile file alone, as a user's shell would have it: no TEMPORAL_ADDRESS beside it.
  const result = await runTsf(['setup'], { TEMPORAL_ADDRESS: '' });
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.deepEqual(
    [report.connection.address, report.connection.tls, report.connection.configFile],
    [address, 'mTLS', configFile],
  );
  assert.deepEqual(report.plan, []);
  assert.equal(report.changed, false);
  assert.deepEqual(report.problems, []);
  assert.equal(report.message, `Namespace ${namespace} is ready for the engine: nothing to change`);
  assert.ok(report.retentionDays >= 14, `retention ${report.retentionDays} days`);
  assert.deepEqual(
    report.searchAttributes,
    TSF_SEARCH_ATTRIBUTES.map((a) => a.name),
  );
});
