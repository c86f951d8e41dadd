/**
 * Repairing a Map Run that succeeded with tolerated failures (issue #16, point 3, this engine's addition): its
 * parent SUCCEEDED, so RedriveExecution refuses it; once the cause is fixed, redriveMapRun re-runs its 3 failed
 * children under the same Map Run ARN. DescribeMapRun then shows 0 failed and redriveCount 1, the ResultWriter
 * manifest lists every item once as SUCCEEDED, and the parent's output and history stay byte for byte as before.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { failsAsMap } from '../helpers/fails-as-map';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';

const storageDir = tempDir('map-run-repair');
let engine: TestEngine;
before(async () => {
  fs.mkdirSync(path.join(storageDir, 'results'), { recursive: true });
  engine = await startTestEngine({ handlers, storageDir });
});
after(() => engine?.stop());

const readObject = (key: string) => fs.readFileSync(path.join(storageDir, 'results', key), 'utf8');

interface ResultRecord {
  Status: string;
  Input: string;
}

/** Every record the manifest's files of one kind hold. */
function recordsOf(manifest: { ResultFiles: Record<string, Array<{ Key: string }>> }, kind: string) {
  return manifest.ResultFiles[kind]!.flatMap((file) => JSON.parse(readObject(file.Key)) as ResultRecord[]);
}

test('a Map Run that SUCCEEDED with 3 tolerated failures is repaired: 3 calls, 0 failed, the parent untouched', async () => {
  const dir = tempDir('map-run-repair-run');
  const counterDir = path.join(dir, 'calls');
  const switchFile = path.join(dir, 'switch');
  const definition = failsAsMap({
    executionType: 'STANDARD',
    toleratedFailureCount: 3,
    switchFile,
    counterDir,
    map: {
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'out' } },
    },
  });
  // Items 2, 5 and 7 fail with Broken while the switch is off.
  const items = Array.from({ length: 10 }, (_, i) => ({
    key: `item-${i}`,
    error: [2, 5, 7].includes(i) ? 'Broken' : null,
  }));
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('repair'),
    definition: JSON.stringify(definition),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
  const parent = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(parent.status, 'SUCCEEDED');
  const { mapRuns } = await engine.sfn.listMapRuns({ executionArn });
  const mapRunArn = mapRuns[0]!.mapRunArn;
  const first = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(first.executionCounts.failed, 3);
  const parentHistory = JSON.stringify(await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 }));
  const parentDescription = JSON.stringify(await engine.sfn.describeExecution({ executionArn }));
  await assert.rejects(engine.sfn.redriveExecution({ executionArn }), { name: 'ExecutionNotRedrivable' });

  // Not yet fixed, the plan already says what a repair would run; reading it changes nothing.
  fs.writeFileSync(switchFile, 'on');
  const plan = await engine.sfn.planRedriveMapRun({ mapRunArn });
  assert.equal(plan.repairable, true, plan.reason);
  assert.equal(plan.stateName, 'Process');
  assert.deepEqual(plan.statePath, ['Process']);
  assert.deepEqual(plan.rerun, { failed: 3, timedOut: 0, aborted: 0, pending: 0 });
  assert.deepEqual(plan.errors, { Broken: 3 });
  assert.equal(plan.maxHandlerCalls, 3);
  assert.deepEqual(await engine.sfn.describeMapRun({ mapRunArn }), first);

  const { redriveDate } = await engine.sfn.redriveMapRun({ mapRunArn, clientToken: 'repair-1' });
  // The same token again within 15 minutes: the same answer, and no second repair.
  assert.deepEqual(await engine.sfn.redriveMapRun({ mapRunArn, clientToken: 'repair-1' }), { redriveDate });
  const repaired = await pollUntil(async () => {
    const d = await engine.sfn.describeMapRun({ mapRunArn });
    return d.status === 'SUCCEEDED' && d.redriveCount === 1 ? d : undefined;
  }, 'the repaired Map Run SUCCEEDED');
  assert.equal(repaired.executionCounts.failed, 0);
  assert.equal(repaired.executionCounts.succeeded, 10);
  assert.equal(repaired.itemCounts.succeeded, 10);
  assert.equal(repaired.redriveDate?.getTime(), redriveDate.getTime());
  const calls = items.map((item) => callCount(counterDir, item.key));
  assert.deepEqual(calls, [1, 1, 2, 1, 1, 2, 1, 2, 1, 1], 'exactly the 3 failed children ran again');

  const mapRunId = mapRunArn.split(':').at(-1)!;
  const manifest = JSON.parse(readObject(`out/${mapRunId}/manifest.json`));
  const succeeded = recordsOf(manifest, 'SUCCEEDED');
  assert.equal(succeeded.length, 10);
  assert.ok(succeeded.every((record) => record.Status === 'SUCCEEDED'));
  const keys = succeeded.map((record) => (JSON.parse(record.Input) as { item: { key: string } }).item.key).sort();
  assert.deepEqual(keys, items.map((item) => item.key).sort(), 'every item once');
  assert.deepEqual(recordsOf(manifest, 'FAILED'), []);

  // The parent: its history and description byte for byte as before.
  assert.equal(JSON.stringify(await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 })), parentHistory);
  assert.equal(JSON.stringify(await engine.sfn.describeExecution({ executionArn })), parentDescription);

  // Nothing left to repair: refused, saying why.
  await assert.rejects(engine.sfn.redriveMapRun({ mapRunArn }), (error: Error) => {
    assert.equal(error.name, 'MapRunNotRepairable');
    assert.match(error.message, /no failed, timed-out or aborted children/);
    return true;
  });
});
