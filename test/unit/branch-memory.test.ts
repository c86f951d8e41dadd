/**
 * The branch memory behind Parallel / Inline Map redrive: what a redrive may reuse, taken once, and forgotten
 * when the state exits or must run whole again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BranchMemory } from '../../asl/interpreter/branch-memory';

test('a redrive sees each branch as it was when the redrive began, once', () => {
  const memory = new BranchMemory();
  memory.succeeded(['Fan', 0], { a: 1 });
  memory.entered(['Fan', 1], 'B2', { in: 2 }, { v: 'x' });
  assert.equal(memory.take(['Fan', 0]), undefined, 'nothing is reusable before a redrive');
  memory.arm();
  assert.deepEqual(memory.take(['Fan', 0])?.output, { value: { a: 1 } });
  assert.deepEqual(memory.take(['Fan', 1])?.lastEntered, { name: 'B2', input: { in: 2 }, variables: { v: 'x' } });
  assert.equal(memory.take(['Fan', 0]), undefined, 'taken at most once: a later Retry attempt runs every branch');
});

test('forgetInside drops the branches of one state, nested ones included, and nothing else', () => {
  const memory = new BranchMemory();
  memory.succeeded(['Fan', 0], 1);
  memory.entered(['Fan', 1], 'Inner', 2, {});
  memory.succeeded(['Fan', 1, 'Inner', 0], 3);
  memory.succeeded(['Fan2', 0], 4);
  // A state named like a prefix of another is a different state.
  memory.succeeded(['Fa', 0], 5);
  memory.forgetInside(['Fan']);
  assert.deepEqual(
    memory.snapshot().map((record) => record.path),
    [
      ['Fan2', 0],
      ['Fa', 0],
    ],
  );
});

test('a snapshot rebuilds the same memory (a Map Run child redriven in a new workflow run)', () => {
  const memory = new BranchMemory();
  memory.succeeded(['Each', 3], 'done');
  const copy = new BranchMemory(JSON.parse(JSON.stringify(memory.snapshot())));
  copy.arm();
  assert.deepEqual(copy.take(['Each', 3])?.output, { value: 'done' });
});
