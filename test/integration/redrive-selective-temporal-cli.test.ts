/**
 * A selective redrive sent with the Temporal CLI, as README shows it (issue #16): `temporal workflow update execute
 * --name redrive -i '{"mapRunChildren":{"errors":["Throttled"]}}'` re-runs only the Throttled children; a selection of
 * the wrong shape is refused by the update's validator, naming the field, and leaves nothing in the history.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, testAddress, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { runCommand } from '../helpers/processes';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

function updateRedrive(executionArn: string, input: unknown) {
  const args = ['workflow', 'update', 'execute', '--address', testAddress(), '--workflow-id', executionArn];
  args.push('--name', 'redrive', '--input', JSON.stringify(input));
  return runCommand(process.env.TEMPORAL_CLI ?? 'temporal', args, { cwd: process.cwd(), env: process.env });
}

test('temporal workflow update --name redrive with mapRunChildren re-runs only the children selected', async () => {
  const dir = tempDir('selective-temporal-cli');
  const counterDir = path.join(dir, 'calls');
  const switchFile = path.join(dir, 'switch');
  const definition = {
    StartAt: 'Process',
    States: {
      Process: {
        Type: 'Map',
        ItemsPath: '$.items',
        ToleratedFailureCount: 1,
        ItemSelector: { 'item.$': '$$.Map.Item.Value', counterDir, switchFile },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Call',
          States: {
            Call: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:000000000000:function:failsAs',
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
  const errors = [null, 'Throttled', 'Throttled', 'BadData'];
  const items = errors.map((error, i) => ({ key: `item-${i}`, error }));
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('selective-cli'),
    definition: JSON.stringify(definition),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'FAILED');
  const events = (await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 })).events.length;

  const wrong = await updateRedrive(executionArn, { mapRunChildren: { items: ['three'] } });
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /ExecutionNotRedrivable: mapRunChildren\.items\[0\] must be an item index/);
  assert.equal((await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 })).events.length, events);

  fs.writeFileSync(switchFile, 'on');
  const accepted = await updateRedrive(executionArn, { mapRunChildren: { errors: ['Throttled'] } });
  assert.equal(accepted.code, 0, accepted.stderr);
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.deepEqual(
    items.map((item) => callCount(counterDir, item.key)),
    [1, 2, 2, 1],
  );
});
