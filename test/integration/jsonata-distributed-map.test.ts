/**
 * A Distributed Map written in JSONata on a real dev server: Items, ItemSelector (with `$states.context.Map.Item`
 * and an outer variable), ItemBatcher MaxItemsPerBatch and BatchInput, MaxConcurrency, the tolerated-failure
 * thresholds and ItemReader Arguments / MaxItems as expressions, evaluated in the parent and in the partitions.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';

let engine: TestEngine;
const storageDir = tempDir('jsonata-dmap-storage');
before(async () => {
  engine = await startTestEngine({ handlers, storageDir });
});
after(() => engine?.stop());

async function run(definition: unknown, input: unknown) {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('jsonata-dmap'),
    definition: JSON.stringify(definition),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const described = await engine.sfn.waitForExecution({ executionArn });
  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  return { described, types: events.map((e) => e.type as string) };
}

const DISTRIBUTED = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' };

function machine(map: Record<string, unknown>, child: Record<string, unknown>) {
  return {
    QueryLanguage: 'JSONata',
    StartAt: 'Setup',
    States: {
      Setup: { Type: 'Pass', Assign: { prefix: 'item-' }, Next: 'Map' },
      Map: { Type: 'Map', ItemProcessor: { ProcessorConfig: DISTRIBUTED, ...child }, End: true, ...map },
    },
  };
}

const passChild = { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } };

test('Items, ItemSelector, ItemBatcher, MaxConcurrency and Output as expressions', async () => {
  const definition = machine(
    {
      Items: '{% $states.input.list %}',
      ItemSelector: {
        name: '{% $prefix & $states.context.Map.Item.Value %}',
        index: '{% $states.context.Map.Item.Index %}',
        tag: '{% $states.input.tag %}',
      },
      ItemBatcher: { MaxItemsPerBatch: '{% $states.input.batch %}', BatchInput: { tag: '{% $states.input.tag %}' } },
      MaxConcurrency: '{% $states.input.concurrency %}',
      ToleratedFailurePercentage: '{% $states.input.percentage %}',
      Assign: { batches: '{% $count($states.result) %}' },
      Output: { results: '{% $states.result %}', batches: '{% $count($states.result) %}' },
    },
    passChild,
  );
  const input = { list: ['a', 'b', 'c'], tag: 't', batch: 2, concurrency: 1, percentage: 0 };
  const { described, types } = await run(definition, input);
  assert.equal(described.status, 'SUCCEEDED', `${described.error}: ${described.cause}`);
  assert.deepEqual(JSON.parse(described.output ?? 'null'), {
    results: [
      {
        BatchInput: { tag: 't' },
        Items: [
          { name: 'item-a', index: 0, tag: 't' },
          { name: 'item-b', index: 1, tag: 't' },
        ],
      },
      { BatchInput: { tag: 't' }, Items: [{ name: 'item-c', index: 2, tag: 't' }] },
    ],
    batches: 2,
  });
  assert.ok(types.includes('MapRunStarted') && types.includes('MapRunSucceeded'), types.join(','));
});

/** A JSONata child that fails for the item 3. */
const failOnThree = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Condition: '{% $states.input = 3 %}', Next: 'Boom' }], Default: 'Ok' },
    Boom: { Type: 'Fail', Error: 'ItemFailed', Cause: 'item 3 is bad' },
    Ok: { Type: 'Pass', End: true },
  },
};

test('ToleratedFailurePercentage and ToleratedFailureCount as expressions decide the Map Run', async () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  const tolerant = machine(
    { Items: '{% $states.input.items %}', ToleratedFailurePercentage: '{% $states.input.pct %}' },
    failOnThree,
  );
  const ok = await run(tolerant, { items, pct: 10 });
  assert.equal(ok.described.status, 'SUCCEEDED', `${ok.described.error}: ${ok.described.cause}`);
  const strict = await run(tolerant, { items, pct: 9 });
  assert.equal(strict.described.status, 'FAILED');
  assert.equal(strict.described.error, 'States.ExceedToleratedFailureThreshold');
  const counted = machine(
    { Items: '{% $states.input.items %}', ToleratedFailureCount: '{% $states.input.count %}' },
    failOnThree,
  );
  assert.equal((await run(counted, { items, count: 1 })).described.status, 'SUCCEEDED');
});

test('ItemReader Arguments and MaxItems as expressions (recorded AWS case)', async () => {
  const body = [
    { verdict: 'true', statement_date: '6/11/2008', statement_source: 'speech' },
    { verdict: 'false', statement_date: '6/7/2022', statement_source: 'television' },
    { verdict: 'mostly-true', statement_date: '5/18/2016', statement_source: 'news' },
  ];
  fs.mkdirSync(path.join(storageDir, 'jsonata-bucket'), { recursive: true });
  fs.writeFileSync(path.join(storageDir, 'jsonata-bucket', 'file.json'), JSON.stringify(body));
  const definition = machine(
    {
      MaxConcurrency: 1,
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON', MaxItems: '{% $maxItems := 2 %}' },
        Arguments: { Bucket: '{% $states.input.Bucket %}', Key: '{% $states.input.Key %}' },
      },
    },
    passChild,
  );
  const { described } = await run(definition, { Bucket: 'jsonata-bucket', Key: 'file.json' });
  assert.equal(described.status, 'SUCCEEDED', `${described.error}: ${described.cause}`);
  assert.deepEqual(JSON.parse(described.output ?? 'null'), body.slice(0, 2));
});

test('a JSONata Items that is not an array fails before any Map Run', async () => {
  const { described, types } = await run(machine({ Items: '{% $states.input.n %}' }, passChild), { n: 1 });
  assert.equal(described.status, 'FAILED');
  assert.equal(described.error, 'States.QueryEvaluationError');
  assert.match(
    described.cause ?? '',
    /specified for the field 'Items' returned an unexpected result type\. Expected 'array', but was 'number' for value: 1$/,
  );
  assert.ok(!types.includes('MapRunStarted'));
});
