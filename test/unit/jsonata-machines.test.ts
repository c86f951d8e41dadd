/**
 * Whole JSONata / variable machines run in-process on the test host: the integration table itself, plus the
 * event-level details a table row does not show (EvaluationFailed links, assignedVariables, redrive variables).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as handlers from '../../examples/handlers';
import type { Json } from '../../asl/json';
import { JSONATA_CASES, ja, jp } from '../fixtures/jsonata-cases';
import { createTestHost, runMachine, type TestHandler } from '../helpers/test-host';

const host = () => createTestHost(handlers as unknown as Record<string, TestHandler>);

for (const row of JSONATA_CASES) {
  test(`table: ${row.name}`, async () => {
    const run = await runMachine(row.definition, row.input ?? {}, host());
    const { outcome } = run;
    if (row.error !== undefined) {
      assert.equal(outcome.status, 'FAILED');
      if (outcome.status !== 'FAILED') return;
      assert.equal(outcome.error, row.error);
      if (row.cause instanceof RegExp) assert.match(outcome.cause ?? '', row.cause);
      else if (row.cause !== undefined) assert.equal(outcome.cause, row.cause);
    } else {
      assert.equal(outcome.status, 'SUCCEEDED', JSON.stringify(outcome));
      if (outcome.status === 'SUCCEEDED' && row.output !== undefined) assert.deepEqual(outcome.output, row.output);
    }
    const output = outcome.status === 'SUCCEEDED' ? outcome.output : null;
    row.check?.(output, { types: run.types, details: (type, nth) => run.details(type, nth) });
  });
}

test('EvaluationFailed follows the event the failing state was entered after, as recorded on AWS', async () => {
  const run = await runMachine(
    ja({
      A: { Type: 'Pass', Next: 'B' },
      B: { Type: 'Pass', Output: { error: '{% $stateError %}' }, End: true },
    }),
  );
  const entered = run.events.find(
    (e) =>
      e.type === 'PassStateEntered' &&
      e.stateEnteredEventDetails !== undefined &&
      JSON.stringify(e).includes('"name":"B"'),
  );
  const failed = run.events.find((e) => e.type === 'EvaluationFailed');
  assert.ok(entered && failed);
  assert.equal(failed.previousEventId, entered.previousEventId);
  assert.deepEqual(run.types.slice(-2), ['EvaluationFailed', 'ExecutionFailed']);
  assert.deepEqual(failed.evaluationFailedEventDetails, {
    cause: `An error occurred while executing the state 'B' (entered at the event id #${entered.id}). The JSONata expression '$stateError' specified for the field 'Output/error' returned nothing (undefined).`,
    error: 'States.QueryEvaluationError',
    location: 'Output/error',
    state: 'B',
  });
});

test('an evaluation error inside a Map iteration fails the iteration, then the Map', async () => {
  const run = await runMachine(
    ja({
      M: {
        Type: 'Map',
        Items: [1],
        ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $missing %}', End: true } } },
        End: true,
      },
    }),
  );
  assert.deepEqual(run.types.slice(-4), [
    'EvaluationFailed',
    'MapIterationFailed',
    'MapStateFailed',
    'ExecutionFailed',
  ]);
});

test('states without Assign write no assignedVariables; an empty Assign writes none either', async () => {
  const run = await runMachine(jp({ A: { Type: 'Pass', Assign: {}, Next: 'B' }, B: { Type: 'Pass', End: true } }));
  for (const event of run.events.filter((e) => e.type === 'PassStateExited')) {
    assert.equal('assignedVariables' in (event.stateExitedEventDetails as Record<string, Json>), false);
  }
});

test('JSONPath Assign on a Task reads the raw result, before ResultSelector', async () => {
  const run = await runMachine(
    jp({
      T: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:000000000000:function:identity',
        Parameters: { a: 1 },
        ResultSelector: { 'b.$': '$.a' },
        Assign: { 'raw.$': '$' },
        Next: 'P',
      },
      P: { Type: 'Pass', Parameters: { 'raw.$': '$raw', 'out.$': '$' }, End: true },
    }),
    {},
    host(),
  );
  assert.deepEqual(run.outcome.status === 'SUCCEEDED' && run.outcome.output, { raw: { a: 1 }, out: { b: 1 } });
});

test("a redrive can hand the first attempt's top-level variables back to the run", async () => {
  const { runExecution } = await import('../../asl/interpreter/execution');
  const { EventLog } = await import('../../asl/events');
  const { validateDefinition } = await import('../../asl/validate');
  const validated = validateDefinition(
    ja({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Output: '{% $saved %}', End: true } }),
  );
  assert.ok(validated.ok);
  const testHost = host();
  const rc = {
    host: testHost,
    log: new EventLog(() => testHost.now()),
    region: 'us-east-1',
    execution: { Id: 'x', Input: {}, Name: 'x', RoleArn: 'r', StartTime: '2025-01-01T00:00:00.000Z', RedriveCount: 1 },
    stateMachine: { Id: 'sm', Name: 'sm' },
  };
  const outcome = await runExecution(validated.definition, {}, rc, 0, 'B', { saved: 'from the first attempt' });
  assert.deepEqual(outcome.status === 'SUCCEEDED' && outcome.output, 'from the first attempt');
});
