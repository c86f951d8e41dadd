import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupSizes } from '../../workflows/map-run/express-groups';

test('children started together are cut into the fewest groups of at most 10, of nearly equal sizes', () => {
  assert.deepEqual(groupSizes(1), [1]);
  assert.deepEqual(groupSizes(10), [10]);
  assert.deepEqual(groupSizes(11), [6, 5]);
  assert.deepEqual(groupSizes(25), [9, 8, 8]);
  assert.deepEqual(groupSizes(250), Array(25).fill(10));
  assert.deepEqual(groupSizes(0), []);
  for (let count = 1; count <= 300; count++) {
    const sizes = groupSizes(count);
    assert.equal(
      sizes.reduce((a, b) => a + b, 0),
      count,
    );
    assert.equal(sizes.length, Math.ceil(count / 10));
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1 && Math.max(...sizes) <= 10, `${count}: ${sizes}`);
  }
});
