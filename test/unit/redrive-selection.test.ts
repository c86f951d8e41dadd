/**
 * The pure pieces of issue #16's redrive plan and selective redrive: which children a selection holds (by error, by
 * item index, batches by any of their items; never-started children always run), how the plan counts them, and the
 * most handler calls one child run can make.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mostHandlerCalls } from '../../asl/handler-calls';
import type { Branch } from '../../asl/types';
import type { MapRunRedriveState } from '../../messages/map-run';
import { heldChildren } from '../../workflows/map-run/child-selection';
import { planChildren } from '../../workflows/map-run/redrive-children-plan';

type Left = MapRunRedriveState['partitions'][number];
const page = (firstItem: number, itemCount: number) => ({ index: 0, firstItem, itemCount });
const left = (childStates: string, childErrors: Record<number, string> = {}, extra: Partial<Left> = {}): Left => ({
  childStates,
  childRunIds: {},
  childErrors,
  ...extra,
});

test('a selection by error holds the unsuccessful children with another error or none; S, P and barred ones are not held', () => {
  const l = left('SFTAPfF', { 1: 'Throttled', 2: 'States.Timeout', 5: 'Throttled', 6: 'BadData' });
  assert.deepEqual(heldChildren(page(0, 7), l, { errors: ['Throttled'] }), [2, 3, 6]);
  assert.deepEqual(heldChildren(page(0, 7), l, { errors: ['States.Timeout', 'BadData'] }), [1, 3]);
});

test("a selection by item index counts from the page's first item; ranges are inclusive; both filters must match", () => {
  const l = left('FFFF', { 0: 'A', 1: 'A', 2: 'B', 3: 'A' });
  assert.deepEqual(heldChildren(page(100, 4), l, { items: [101, [103, 200]] }), [0, 2]);
  assert.deepEqual(heldChildren(page(100, 4), l, { items: [[100, 103]], errors: ['A'] }), [2]);
  assert.deepEqual(heldChildren(page(100, 4), l, { items: [5] }), [0, 1, 2, 3]);
});

test('a batch is picked when any of its items is selected', () => {
  const l = left('FF', {}, { childItemCounts: [10, 10] });
  assert.deepEqual(heldChildren(page(0, 20), l, { items: [12] }), [0]);
  assert.deepEqual(heldChildren(page(0, 20), l, { items: [[9, 10]] }), []);
});

test('the plan counts re-runs by status, kept children with reasons, errors, and the failures that stay', () => {
  const previous: MapRunRedriveState = {
    redriveCount: 0,
    pages: [page(0, 6)],
    partitions: {
      0: left('SFfAPF', { 1: 'Throttled', 2: 'States.Runtime', 5: 'BadData' }, { childStopDates: { 1: 10, 5: 10 } }),
    },
  };
  const plan = planChildren(previous, {
    executionType: 'STANDARD',
    redriveDate: 20,
    selection: { errors: ['Throttled'] },
  });
  // The aborted child ended without an error: an error filter does not pick it.
  assert.deepEqual(plan.rerun, { failed: 1, timedOut: 0, aborted: 0, pending: 1 });
  assert.deepEqual(plan.kept, {
    notRedrivable: 1,
    notSelected: 2,
    notRedrivableReasons: { 'Execution history event limit exceeded': 1 },
  });
  assert.deepEqual(plan.errors, { Throttled: 1, 'States.Runtime': 1, '(none)': 1, BadData: 1 });
  assert.equal(plan.succeeded, 1);
  assert.equal(plan.keptFailedItems, 2, 'the barred and the unselected failures still count toward the threshold');
  // Past the children's redrivable period (5 ms here), a failed Standard child is kept too.
  const late = planChildren(previous, { executionType: 'STANDARD', redriveDate: 20, childRedrivablePeriodMs: 5 });
  assert.equal(late.kept.notRedrivableReasons['Execution redrivable period exceeded'], 2);
});

test('most handler calls: Tasks with their retries, Parallel branches; unbounded with a loop or a Map', () => {
  const task = (extra: object = {}) => ({ Type: 'Task', Resource: 'arn:x', End: true, ...extra });
  const branch = (states: Record<string, object>, start = Object.keys(states)[0]!) =>
    ({ StartAt: start, States: states }) as unknown as Branch;
  assert.equal(mostHandlerCalls(branch({ A: task() })), 1);
  assert.equal(
    mostHandlerCalls(branch({ A: task({ Retry: [{ ErrorEquals: ['X'] }, { ErrorEquals: ['Y'], MaxAttempts: 1 }] }) })),
    5,
  );
  const parallel = {
    Type: 'Parallel',
    End: true,
    Branches: [branch({ A: task() }), branch({ B: task() })],
    Retry: [{ ErrorEquals: ['Z'], MaxAttempts: 1 }],
  };
  assert.equal(mostHandlerCalls(branch({ P: parallel })), 4);
  assert.equal(
    mostHandlerCalls(
      branch({
        A: { ...task(), End: undefined, Next: 'B' },
        B: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'A' }], Default: 'C' },
        C: { Type: 'Succeed' },
      }),
    ),
    undefined,
  );
  assert.equal(
    mostHandlerCalls(branch({ M: { Type: 'Map', End: true, ItemProcessor: branch({ A: task() }) } })),
    undefined,
  );
});
