/**
 * Express children are scheduled with their name and input only: the ItemProcessor, ARNs and role are fetched
 * once per Map Run by the worker (from the partition) instead of riding in every child's activity input.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';

let engine: TestEngine;

before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine.stop());

test('Express children run the ItemProcessor though their activity input is only their name and item', async () => {
  const items = Array.from({ length: 30 }, (_, i) => ({ n: i }));
  const definition = {
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: 7,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Shape',
          States: {
            Shape: {
              Type: 'Pass',
              Parameters: { 'value.$': '$.n', 'execution.$': '$$.Execution.Id', 'machine.$': '$$.StateMachine.Id' },
              Next: 'Echo',
            },
            Echo: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:identity', End: true },
          },
        },
        End: true,
      },
    },
  };
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('express-ctx'),
    definition: JSON.stringify(definition),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
  const described = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(described.status, 'SUCCEEDED');
  const output = JSON.parse(described.output!) as Array<{ value: number; execution: string; machine: string }>;
  assert.deepEqual(
    output.map((o) => o.value),
    items.map((i) => i.n),
  );
  const { mapRuns } = await engine.sfn.listMapRuns({ executionArn });
  const mapRunArn = mapRuns[0]!.mapRunArn;
  const labelled = mapRunArn.replace(':mapRun:', ':stateMachine:').replace(/:[^:]+$/, '');
  for (const o of output) {
    assert.equal(o.machine, labelled, 'the child runs under the labelled state machine');
    assert.match(o.execution, /^arn:aws:states:us-east-1:000000000000:express:/);
  }
  assert.equal(new Set(output.map((o) => o.execution)).size, items.length, 'each child has its own ARN');

  const history = await engine.client.workflow.getHandle(`${mapRunArn}/p0`).fetchHistory();
  const converter = engine.client.options.loadedDataConverter;
  const inputs: unknown[] = [];
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== 'runExpressChild') continue;
    inputs.push(await decodeFromPayloadsAtIndex(converter, 0, scheduled.input?.payloads));
  }
  assert.equal(inputs.length, items.length);
  for (const input of inputs) assert.deepEqual(Object.keys(input as object).sort(), ['input', 'name']);
});
