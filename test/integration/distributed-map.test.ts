/**
 * Distributed Map on a real dev server: the recorded event sequence, DescribeMapRun, child executions, tolerated
 * failures, path validation errors, ItemBatcher (sfn-spec §4.4 and §13 behaviours 1, 2, 4, 5, 6, 9).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers, storageDir: tempDir('dmap-storage') });
});
after(() => engine?.stop());

const DISTRIBUTED = (executionType = 'STANDARD') => ({ Mode: 'DISTRIBUTED', ExecutionType: executionType });

function mapMachine(map: Record<string, unknown>, processor?: Record<string, unknown>) {
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: DISTRIBUTED(),
          StartAt: 'Item',
          States: { Item: { Type: 'Pass', End: true } },
          ...processor,
        },
        End: true,
        ...map,
      },
    },
  });
}

async function run(definition: string, input: unknown) {
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('dmap'), definition });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const described = await engine.sfn.waitForExecution({ executionArn });
  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  return { stateMachineArn, executionArn, described, events };
}

/** A child that fails for item 3 only. */
const failOnThree = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 3, Next: 'Boom' }], Default: 'Ok' },
    Boom: { Type: 'Fail', Error: 'ItemFailed', Cause: 'item 3 is bad' },
    Ok: { Type: 'Pass', End: true },
  },
};
const tenItems = Array.from({ length: 10 }, (_, i) => i);

describe('a 10-item Distributed Map with Label TestMap', () => {
  test('writes the recorded event sequence, and DescribeMapRun and the children match behaviours 1 and 2', async () => {
    const { executionArn, described, events } = await run(
      mapMachine({ Label: 'TestMap', MaxConcurrency: 1 }),
      tenItems,
    );
    assert.equal(described.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(described.output!), tenItems);
    assert.deepEqual(
      events.map((e) => [e.id, e.previousEventId, e.type]),
      [
        [1, 0, 'ExecutionStarted'],
        [2, 0, 'MapStateEntered'],
        [3, 2, 'MapStateStarted'],
        [4, 3, 'MapRunStarted'],
        [5, 4, 'MapRunSucceeded'],
        [6, 5, 'MapStateSucceeded'],
        [7, 4, 'MapStateExited'],
        [8, 7, 'ExecutionSucceeded'],
      ],
    );
    assert.deepEqual(events[2]?.mapStateStartedEventDetails, { length: 10 });
    const mapRunArn = (events[3]?.mapRunStartedEventDetails as { mapRunArn: string }).mapRunArn;
    const machine = executionArn.split(':')[6];
    assert.match(
      mapRunArn,
      new RegExp(`^arn:aws:states:us-east-1:000000000000:mapRun:${machine}/TestMap:[0-9a-f-]{36}$`),
    );

    const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
    assert.equal(mapRun.status, 'SUCCEEDED');
    assert.equal(mapRun.executionArn, executionArn);
    assert.equal(mapRun.maxConcurrency, 1);
    assert.equal(mapRun.toleratedFailureCount, 0);
    assert.equal(mapRun.toleratedFailurePercentage, 0);
    assert.equal(mapRun.redriveCount, 0);
    const counts = { pending: 0, running: 0, succeeded: 10, failed: 0, timedOut: 0, aborted: 0, total: 10 };
    for (const c of [mapRun.itemCounts, mapRun.executionCounts])
      assert.deepEqual(
        { ...c, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0 },
        { ...counts, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0 },
      );

    const { mapRuns } = await engine.sfn.listMapRuns({ executionArn });
    assert.deepEqual(
      mapRuns.map((m) => m.mapRunArn),
      [mapRunArn],
    );
    assert.equal(mapRuns[0]?.stateMachineArn, `arn:aws:states:us-east-1:000000000000:stateMachine:${machine}/TestMap`);

    const children = await engine.sfn.listExecutions({ mapRunArn, maxResults: 100 });
    assert.equal(children.executions.length, 10);
    assert.ok(children.executions.every((c) => c.status === 'SUCCEEDED'));
    const child = children.executions[0]!;
    assert.match(child.executionArn, new RegExp(`:execution:${machine}/TestMap:[0-9a-f-]{36}$`));
    const childDescribed = await engine.sfn.describeExecution({ executionArn: child.executionArn });
    assert.equal(childDescribed.mapRunArn, mapRunArn);
    assert.equal(
      childDescribed.stateMachineArn,
      `arn:aws:states:us-east-1:000000000000:stateMachine:${machine}/TestMap`,
    );
    // The list tells what DescribeExecution tells, though a succeeded child leaves its status to Temporal's own
    // (its listed stopDate is when Temporal closed it: the same moment give or take the workflow task's latency).
    assert.deepEqual(
      {
        name: child.name,
        stateMachineArn: child.stateMachineArn,
        mapRunArn: child.mapRunArn,
        startDate: child.startDate.getTime(),
      },
      {
        name: childDescribed.name,
        stateMachineArn: childDescribed.stateMachineArn,
        mapRunArn,
        startDate: childDescribed.startDate.getTime(),
      },
    );
    const stopGapMs = Math.abs((child.stopDate?.getTime() ?? 0) - (childDescribed.stopDate?.getTime() ?? 0));
    assert.ok(
      stopGapMs < 1000,
      `listed stopDate ${child.stopDate?.toISOString()} vs described ${childDescribed.stopDate?.toISOString()}`,
    );
    const listed = async (statusFilter: 'SUCCEEDED' | 'RUNNING' | 'FAILED') =>
      (await engine.sfn.listExecutions({ mapRunArn, statusFilter, maxResults: 100 })).executions.length;
    assert.deepEqual([await listed('SUCCEEDED'), await listed('RUNNING'), await listed('FAILED')], [10, 0, 0]);
    const childHistory = await engine.sfn.getExecutionHistory({ executionArn: child.executionArn });
    assert.deepEqual(
      childHistory.events.map((e) => e.type),
      ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded'],
    );
  });
});

describe('tolerated failures (behaviours 4 and 5)', () => {
  test('no tolerance: one failed child fails the Map Run and the execution with the threshold error', async () => {
    const { described, events } = await run(mapMachine({}, failOnThree), tenItems);
    assert.equal(described.status, 'FAILED');
    assert.equal(described.error, 'States.ExceedToleratedFailureThreshold');
    assert.equal(described.cause, 'The specified tolerated failure threshold was exceeded');
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'ExecutionStarted',
        'MapStateEntered',
        'MapStateStarted',
        'MapRunStarted',
        'MapRunFailed',
        'MapStateFailed',
        'ExecutionFailed',
      ],
    );
    const mapRunArn = (events[3]?.mapRunStartedEventDetails as { mapRunArn: string }).mapRunArn;
    const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
    assert.equal(mapRun.status, 'FAILED');
    assert.equal(mapRun.executionCounts.failed, 1);
    assert.equal(mapRun.itemCounts.failed, 1);
  });

  for (const [fields, status] of [
    [{ ToleratedFailureCount: 1 }, 'SUCCEEDED'],
    [{ ToleratedFailurePercentage: 10 }, 'SUCCEEDED'],
    [{ ToleratedFailurePercentage: 9 }, 'FAILED'],
  ] as const) {
    test(`${JSON.stringify(fields)} with 1 failure in 10 ends ${status}`, async () => {
      const { described } = await run(mapMachine({ MaxConcurrency: 5, ...fields }, failOnThree), tenItems);
      assert.equal(described.status, status);
      if (status === 'SUCCEEDED')
        assert.deepEqual(
          JSON.parse(described.output!),
          tenItems.filter((i) => i !== 3),
        );
    });
  }
});

describe('values read through paths are checked before any Map Run (behaviour 6)', () => {
  for (const [field, value, cause] of [
    ['ToleratedFailureCountPath', -1, 'ToleratedFailureCount cannot be negative.'],
    ['ToleratedFailurePercentagePath', 100.1, 'ToleratedFailurePercentage must be between 0 and 100.'],
  ] as const) {
    test(`${field} -> ${value}`, async () => {
      const { described, events } = await run(mapMachine({ ItemsPath: '$.items', [field]: '$.value' }), {
        items: [1],
        value,
      });
      assert.equal(described.status, 'FAILED');
      assert.equal(described.error, 'States.Runtime');
      assert.equal(
        described.cause,
        `An error occurred while executing the state 'Map' (entered at the event id #2). ${cause}`,
      );
      assert.deepEqual(
        events.map((e) => e.type),
        ['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'ExecutionFailed'],
      );
    });
  }
});

test('ItemBatcher: 1130 items by 100 make 12 children of {BatchInput, Items} (behaviour 9)', async () => {
  const items = Array.from({ length: 1130 }, (_, i) => i);
  const definition = mapMachine(
    { ItemBatcher: { MaxItemsPerBatch: 100, BatchInput: { job: 'j1' } }, ItemsPath: '$.items' },
    { ProcessorConfig: DISTRIBUTED('EXPRESS') },
  );
  const { described, events } = await run(definition, { items });
  assert.equal(described.status, 'SUCCEEDED');
  const output = JSON.parse(described.output!) as Array<{ BatchInput: unknown; Items: number[] }>;
  assert.equal(output.length, 12);
  assert.deepEqual(
    output.map((b) => b.Items.length),
    [...Array(11).fill(100), 30],
  );
  assert.deepEqual(Object.keys(output[0]!), ['BatchInput', 'Items']);
  assert.deepEqual(output[0]!.BatchInput, { job: 'j1' });
  assert.deepEqual(
    output.flatMap((b) => b.Items),
    items,
  );
  const mapRunArn = (events[3]?.mapRunStartedEventDetails as { mapRunArn: string }).mapRunArn;
  const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.itemCounts.total, 1130);
  assert.equal(mapRun.itemCounts.succeeded, 1130);
  assert.equal(mapRun.executionCounts.total, 12);
  assert.equal(mapRun.executionCounts.succeeded, 12);
});
