/**
 * Express children are scheduled with their name and input only: the ItemProcessor, ARNs and role are fetched
 * once per Map Run by the worker (from the partition) instead of riding in every child's activity input. Children
 * a partition starts together run in one activity, at most 10 to a group (workflows/map-run/express-groups.ts),
 * each with its own outcome.
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

  // MaxConcurrency 7: the first 7 start together, and each group that ends frees 7 slots at once.
  const groups = await expressGroupsOf(mapRunArn);
  assert.deepEqual(
    groups.map((group) => group.length),
    [7, 7, 7, 7, 2],
  );
  for (const call of groups.flat()) assert.deepEqual(Object.keys(call).sort(), ['input', 'name']);
  assert.deepEqual(
    groups.flat().map((call) => (call.input as { n: number }).n),
    items.map((i) => i.n),
  );
});

/** The children of each Express activity the Map Run's first partition scheduled, in order. */
async function expressGroupsOf(mapRunArn: string): Promise<Array<Array<{ name: string; input: unknown }>>> {
  const history = await engine.client.workflow.getHandle(`${mapRunArn}/p0`).fetchHistory();
  const converter = engine.client.options.loadedDataConverter;
  const groups: Array<Array<{ name: string; input: unknown }>> = [];
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (!scheduled?.activityType?.name?.startsWith('runExpressChild')) continue;
    assert.equal(scheduled.activityType.name, 'runExpressChildren', 'no child runs in an activity of its own');
    groups.push(await decodeFromPayloadsAtIndex(converter, 0, scheduled.input?.payloads));
  }
  return groups;
}

test('25 Express children started together run as groups of 9, 8 and 8; a failing child fails alone', async () => {
  const items = Array.from({ length: 25 }, (_, n) => ({ n, fail: n % 5 === 0 }));
  const definition = {
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: 25,
        ToleratedFailureCount: 5,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Check',
          States: {
            Check: {
              Type: 'Choice',
              Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Fail' }],
              Default: 'Echo',
            },
            Fail: { Type: 'Fail', Error: 'Item.Bad', Cause: 'a failing item' },
            Echo: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:identity', End: true },
          },
        },
        End: true,
      },
    },
  };
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('express-groups'),
    definition: JSON.stringify(definition),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
  const described = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(described.status, 'SUCCEEDED', described.cause);
  // The Map's output holds the children that succeeded, in item order; each failed child failed alone.
  const output = JSON.parse(described.output!) as Array<{ n: number }>;
  assert.deepEqual(
    output.map((o) => o.n),
    items.filter((i) => !i.fail).map((i) => i.n),
  );
  const { mapRunArn } = (await engine.sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
  assert.deepEqual([mapRun.itemCounts.succeeded, mapRun.itemCounts.failed], [20, 5]);
  const groups = await expressGroupsOf(mapRunArn);
  assert.deepEqual(
    groups.map((group) => group.length),
    [9, 8, 8],
  );
});
