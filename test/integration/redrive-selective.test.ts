/**
 * Selective redrive (issue #16, point 2, this engine's addition): a Map Run whose children failed with `Throttled`
 * (10) and `BadData` (5), ToleratedFailureCount 5. Redriving only `Throttled` re-runs exactly those 10; the 5 BadData
 * children stay failed, count toward the threshold, and the execution SUCCEEDS. A selection that picks none of the
 * failures is refused, saying so, and runs nothing. The plan says all of it beforehand.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { expressChildrenListed } from '../helpers/express-children';
import { tempDir } from '../helpers/fixtures';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** Items 0-9 fail with Throttled, 10-14 with BadData, 15-19 succeed, while the switch is off. */
function items() {
  return Array.from({ length: 20 }, (_, i) => ({
    key: `item-${i}`,
    ...(i < 10 ? { error: 'Throttled' } : i < 15 ? { error: 'BadData' } : {}),
  }));
}

for (const executionType of ['STANDARD', 'EXPRESS'] as const) {
  test(`${executionType}: redriving only Throttled re-runs those 10 and succeeds; a selection of no failure runs nothing`, async () => {
    const dir = tempDir('redrive-selective');
    const counterDir = path.join(dir, 'calls');
    const switchFile = path.join(dir, 'switch');
    const definition = {
      StartAt: 'Process',
      States: {
        Process: {
          Type: 'Map',
          ItemsPath: '$.items',
          ToleratedFailureCount: 5,
          ItemSelector: { 'item.$': '$$.Map.Item.Value', counterDir, switchFile },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType },
            StartAt: 'Call',
            States: {
              Call: {
                Type: 'Task',
                Resource: fn('failsAs'),
                Parameters: {
                  'key.$': '$.item.key',
                  'error.$': '$.item.error',
                  'switchFile.$': '$.switchFile',
                  'counterDir.$': '$.counterDir',
                },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    // A JSONPath reference to a missing field fails the state: the items that succeed carry `error: null`.
    const input = { items: items().map((item) => ({ error: null, ...item })) };
    const { stateMachineArn } = await engine.sfn.createStateMachine({
      name: uniqueName('selective'),
      definition: JSON.stringify(definition),
    });
    const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
    const failed = await engine.sfn.waitForExecution({ executionArn });
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
    const { mapRuns } = await engine.sfn.listMapRuns({ executionArn });
    const mapRunArn = mapRuns[0]!.mapRunArn;
    const calls = () => input.items.map((item) => callCount(counterDir, item.key));
    assert.deepEqual(calls(), new Array(20).fill(1));
    fs.writeFileSync(switchFile, 'on'); // the cause is fixed for every item: only the selection keeps BadData failed

    // The plan for the whole redrive, then for Throttled only.
    const whole = await engine.sfn.planRedrive({ executionArn });
    assert.equal(whole.redriveStatus, 'REDRIVABLE');
    assert.deepEqual(
      whole.states.map((s) => s.name),
      ['Process'],
    );
    assert.equal(whole.mapRuns.length, 1);
    assert.equal(whole.mapRuns[0]!.action, 'REDRIVE');
    assert.deepEqual(whole.mapRuns[0]!.errors, { Throttled: 10, BadData: 5 });
    assert.deepEqual(whole.mapRuns[0]!.rerun, { failed: 15, timedOut: 0, aborted: 0, pending: 0 });
    const throttled = await engine.sfn.planRedrive({ executionArn, mapRunChildren: { errors: ['Throttled'] } });
    const plan = throttled.mapRuns[0]!;
    assert.deepEqual(plan.rerun, { failed: 10, timedOut: 0, aborted: 0, pending: 0 });
    assert.equal(plan.kept.notSelected, 5);
    assert.equal(plan.succeeded, 5);
    assert.equal(plan.maxHandlerCalls, 10);
    assert.equal(plan.keptFailuresExceedThreshold, false, '5 BadData failures are within ToleratedFailureCount 5');

    // Items 15-19 succeeded: a selection of them picks no failure. Refused, saying so; nothing runs or changes.
    const outside = { items: [[15, 19]] as Array<[number, number]> };
    const none = await engine.sfn.planRedrive({ executionArn, mapRunChildren: outside });
    assert.deepEqual(none.mapRuns[0]!.rerun, { failed: 0, timedOut: 0, aborted: 0, pending: 0 });
    assert.equal(none.mapRuns[0]!.kept.notSelected, 15);
    await assert.rejects(engine.sfn.redriveExecution({ executionArn, mapRunChildren: outside }), (error: Error) => {
      assert.equal(error.name, 'ExecutionNotRedrivable');
      assert.match(error.message, /selects none of the unsuccessful children.*nothing would run/);
      return true;
    });
    const unchanged = await engine.sfn.describeExecution({ executionArn });
    assert.equal(unchanged.status, 'FAILED');
    assert.equal(unchanged.redriveCount, 0);
    assert.deepEqual(calls(), new Array(20).fill(1));

    // Only Throttled.
    await engine.sfn.redriveExecution({ executionArn, mapRunChildren: { errors: ['Throttled'] } });
    const done = await engine.sfn.waitForExecution({ executionArn });
    assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
    assert.deepEqual(
      calls(),
      [...new Array(10).fill(2), ...new Array(10).fill(1)],
      'exactly the 10 Throttled ran again',
    );
    const described = await engine.sfn.describeMapRun({ mapRunArn });
    assert.equal(described.redriveCount, 1);
    assert.equal(described.executionCounts.succeeded, 15);
    assert.equal(described.executionCounts.failed, 5);
    assert.equal(
      described.executionCounts.failuresNotRedrivable,
      0,
      'the BadData children were not selected, not barred',
    );
    // Express children are listed from their records, written within a quarter of a second of their end.
    const stillFailed = await expressChildrenListed(engine.sfn, mapRunArn, 5, 'FAILED');
    assert.deepEqual(stillFailed.map((child) => child.redriveCount ?? 0).sort(), [0, 0, 0, 0, 0], 'not redriven');
    assert.equal((await expressChildrenListed(engine.sfn, mapRunArn, 15, 'SUCCEEDED')).length, 15);
  });
}
