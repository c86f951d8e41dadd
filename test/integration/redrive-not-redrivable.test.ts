/**
 * failuresNotRedrivable (issue #4, item 5; sfn-spec §2.4, §3.6): a STANDARD child whose history has reached the
 * event limit (lowered here from 24,999 to 10) is NOT_REDRIVABLE. A Map Run redrive leaves it failed, with its last
 * error, counts it in failuresNotRedrivable and against the tolerated-failure threshold, and re-runs the others.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { StepFunctions } from '../../client';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

test('children past the history event limit stay failed on redrive and count as failuresNotRedrivable', async () => {
  const sfn = new StepFunctions({
    client: engine.client,
    taskQueue: engine.taskQueue,
    scope: { region: 'us-east-1', account: '000000000000' },
    redriveLimits: { redrivablePeriodMs: 60_000, historyEventLimit: 10 },
  });
  const dir = tempDir('not-redrivable');
  const counterDir = path.join(dir, 'calls');
  const switchFile = path.join(dir, 'switch');
  // Items 0-1 run Prepare then Gate (13 events when Gate fails: past the limit); 2-4 run Gate alone (8 events);
  // 5-9 succeed at once.
  const definition = JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        ToleratedFailureCount: 2,
        ItemSelector: { 'id.$': '$$.Map.Item.Value', counterDir, switchFile },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Route',
          States: {
            Route: {
              Type: 'Choice',
              Choices: [
                { Variable: '$.id', NumericLessThan: 2, Next: 'Prepare' },
                { Variable: '$.id', NumericLessThan: 5, Next: 'Gate' },
              ],
              Default: 'Done',
            },
            Prepare: {
              Type: 'Task',
              Resource: fn('flaky'),
              Parameters: {
                'key.$': "States.Format('prepare-{}', $.id)",
                failTimes: 0,
                'counterDir.$': '$.counterDir',
              },
              ResultPath: null,
              Next: 'Gate',
            },
            Gate: {
              Type: 'Task',
              Resource: fn('gated'),
              Parameters: {
                'key.$': "States.Format('gate-{}', $.id)",
                'switchFile.$': '$.switchFile',
                'counterDir.$': '$.counterDir',
              },
              End: true,
            },
            Done: { Type: 'Pass', End: true },
          },
        },
        End: true,
      },
    },
  });
  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('not-redrivable'), definition });
  const items = Array.from({ length: 10 }, (_, i) => i);
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(items) });
  const failed = await sfn.waitForExecution({ executionArn });
  assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
  const mapRunArn = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  const before = await sfn.describeMapRun({ mapRunArn });
  assert.equal(before.executionCounts.failed, 5);
  assert.equal(before.executionCounts.failuresNotRedrivable, 2);

  const children = (await sfn.listExecutions({ mapRunArn, statusFilter: 'FAILED' })).executions;
  const verdicts = await Promise.all(children.map((c) => sfn.describeExecution({ executionArn: c.executionArn })));
  const notRedrivable = verdicts.filter((d) => d.redriveStatus === 'NOT_REDRIVABLE');
  assert.equal(notRedrivable.length, 2);
  for (const d of notRedrivable) assert.equal(d.redriveStatusReason, 'Execution history event limit exceeded');
  assert.equal(verdicts.filter((d) => d.redriveStatus === 'REDRIVABLE_BY_MAP_RUN').length, 3);

  fs.writeFileSync(switchFile, 'on');
  await sfn.redriveExecution({ executionArn });
  const done = await sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', 'the 2 failures left are within ToleratedFailureCount 2');
  const after = await sfn.describeMapRun({ mapRunArn });
  assert.deepEqual(
    [after.executionCounts.succeeded, after.executionCounts.failed, after.executionCounts.failuresNotRedrivable],
    [8, 2, 2],
  );
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((id) => callCount(counterDir, `gate-${id}`)),
    [1, 1, 2, 2, 2],
    'only the redrivable children ran again',
  );
  for (const d of notRedrivable) {
    const now = await sfn.describeExecution({ executionArn: d.executionArn });
    assert.deepEqual([now.status, now.error, now.redriveCount], ['FAILED', 'GateClosed', 0], 'its last error stays');
  }
});
