/**
 * Determinism guard: every recorded history in test/replay/histories replays against today's workflow code.
 * A workflow change that would break running executions fails here; guard it with patched() and record new
 * histories (test/replay/record.ts) next to the old ones.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { workflowBundle } from '../../worker/bundle';

const dir = path.resolve(__dirname, '../replay/histories');

test('recorded histories replay without nondeterminism', async () => {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 5, `expected recorded histories in ${dir}`);
  const histories = files.map((file) => {
    const { workflowId, history } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    return { file, workflowId: workflowId as string, history: historyFromJSON(history) };
  });
  // Each history keeps its real workflow id (a Map Run child reads its ARN from it), so histories that share an id
  // (two runs of one execution) replay in separate batches.
  const batches: Array<typeof histories> = [];
  for (const history of histories) {
    const batch = batches.find((b) => b.every((other) => other.workflowId !== history.workflowId));
    if (batch) batch.push(history);
    else batches.push([history]);
  }
  const failures: string[] = [];
  let replayed = 0;
  for (const batch of batches) {
    const files = new Map(batch.map((h) => [h.workflowId, h.file]));
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, batch)) {
      replayed++;
      if (result.error) failures.push(`${files.get(result.workflowId)}: ${result.workflowId}: ${result.error.message}`);
    }
  }
  assert.equal(replayed, files.length);
  assert.deepEqual(failures, []);
});
