import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assignPath, isDefinitePath, lookupPath, normalizedPath, selectPath } from '../../asl/paths/jsonpath';
import { isStatesError } from '../../asl/errors';
import type { Json } from '../../asl/json';

function assertStatesError(fn: () => unknown, error: string, cause: RegExp | string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isStatesError(e), `expected a StatesError, got ${String(e)}`);
    assert.equal(e.error, error);
    if (typeof cause === 'string') assert.equal(e.cause, cause);
    else assert.match(e.cause ?? '', cause);
    return true;
  });
}

const data: Json = {
  a: { b: 1, 'x y': 2, c: [{ x: 1 }, { x: 2 }, { x: 3 }] },
  n: null,
  arr: [1, 2, 3, 4],
  s: 'abc',
  'a,b': 'comma',
};

void describe('isDefinitePath', () => {
  void test('names and indexes are definite', () => {
    for (const p of ['$', '$.a.b', "$['a']['x y']", '$.a.c[0]', '$.a.c[-1]', "$['a,b']"]) {
      assert.equal(isDefinitePath(p), true, p);
    }
  });
  void test('wildcards, descent, filters, slices and unions are not', () => {
    for (const p of [
      '$.a.c[*].x',
      '$..x',
      '$.a.c[?(@.x > 1)]',
      '$.arr[1:3]',
      "$.a['b','x y']",
      '$.arr[0,1]',
      '$.a.*',
    ]) {
      assert.equal(isDefinitePath(p), false, p);
    }
  });
  void test('a path must start with $', () => {
    assertStatesError(() => isDefinitePath('a.b'), 'States.Runtime', /Invalid path 'a.b'/);
  });
});

void describe('selectPath', () => {
  void test('$ returns the data itself, for any JSON value', () => {
    assert.deepEqual(selectPath(data, '$'), data);
    assert.equal(selectPath(null, '$'), null);
    assert.equal(selectPath(0, '$'), 0);
    assert.equal(selectPath('', '$'), '');
  });
  void test('definite paths return the single node', () => {
    assert.equal(selectPath(data, '$.a.b'), 1);
    assert.equal(selectPath(data, "$['a']['x y']"), 2);
    assert.deepEqual(selectPath(data, '$.a.c[0]'), { x: 1 });
    assert.equal(selectPath(data, '$.n'), null);
    assert.equal(selectPath(data, "$['a,b']"), 'comma');
  });
  void test('negative index counts from the end (Jayway)', () => {
    assert.deepEqual(selectPath(data, '$.a.c[-1]'), { x: 3 });
  });
  void test('the AWS-documented `.[` bracket form is a child, not a descent', () => {
    assert.equal(selectPath({ abc: { 'def ghi': 7 } }, "$.abc.['def ghi']"), 7);
  });
  void test('indefinite paths return arrays of matches', () => {
    assert.deepEqual(selectPath(data, '$.a.c[*].x'), [1, 2, 3]);
    assert.deepEqual(selectPath(data, '$..x'), [1, 2, 3]);
    assert.deepEqual(selectPath(data, '$.a.c[?(@.x > 1)]'), [{ x: 2 }, { x: 3 }]);
    assert.deepEqual(selectPath(data, '$.arr[1:3]'), [2, 3]);
    assert.deepEqual(selectPath(data, '$.arr[-2:]'), [3, 4]);
    assert.deepEqual(selectPath(data, "$.a['b','x y']"), [1, 2]);
  });
  void test('indefinite paths with no match return an empty array', () => {
    assert.deepEqual(selectPath(data, '$.a.c[?(@.x > 10)]'), []);
    assert.deepEqual(selectPath(data, '$.missing[*]'), []);
    assert.deepEqual(selectPath(data, '$.a.c[?(@.q.r > 0)]'), []);
  });
  void test('missing definite paths fail with States.Runtime and the Jayway normalised path', () => {
    assertStatesError(
      () => selectPath(data, '$.x'),
      'States.Runtime',
      "Invalid path '$.x' : No results for path: $['x']",
    );
    assertStatesError(
      () => selectPath(data, '$.a.c[5]'),
      'States.Runtime',
      "Invalid path '$.a.c[5]' : No results for path: $['a']['c'][5]",
    );
    assertStatesError(() => selectPath(data, '$.a.b.c'), 'States.Runtime', /No results/);
  });
  void test('arrays and strings have no members besides array indexes', () => {
    assert.equal(lookupPath(data, '$.arr.length'), undefined);
    assert.equal(lookupPath(data, '$.s.length'), undefined);
    assert.equal(lookupPath(data, '$.s[0]'), undefined);
    assert.deepEqual(selectPath(data, '$.a.c[*].length'), []);
  });
  void test('paths into scalars find nothing', () => {
    assert.equal(lookupPath(5, '$.a'), undefined);
    assert.deepEqual(lookupPath(null, '$[*]'), []);
  });
  void test('normalizedPath prints names quoted and indexes bare', () => {
    assert.equal(normalizedPath('$.a.b[0]'), "$['a']['b'][0]");
  });
});

void describe('assignPath', () => {
  void test('$ replaces the whole input', () => {
    assert.deepEqual(assignPath({ a: 1 }, '$', { r: 1 }), { r: 1 });
    assert.equal(assignPath({ a: 1 }, '$', 'x'), 'x');
  });
  void test('places the value, creating missing intermediate objects', () => {
    assert.deepEqual(assignPath({ a: 1 }, '$.r', 2), { a: 1, r: 2 });
    assert.deepEqual(assignPath({ a: 1 }, '$.x.y.z', true), { a: 1, x: { y: { z: true } } });
    assert.deepEqual(assignPath({ a: { b: 1 } }, '$.a.c', 2), { a: { b: 1, c: 2 } });
    assert.deepEqual(assignPath({ a: { b: 1 } }, '$.a.b', null), { a: { b: null } });
  });
  void test('indexes into existing arrays', () => {
    assert.deepEqual(assignPath({ a: [1, 2] }, '$.a[1]', 9), { a: [1, 9] });
    assert.deepEqual(assignPath({ a: [{ b: 1 }] }, '$.a[0].c', 2), { a: [{ b: 1, c: 2 }] });
  });
  void test('never mutates the target', () => {
    const target = { a: { b: 1 } };
    const result = assignPath(target, '$.a.c', [1]);
    assert.deepEqual(target, { a: { b: 1 } });
    (result as { a: { c: number[] } }).a.c.push(2);
    assert.deepEqual(target, { a: { b: 1 } });
  });
  void test('fails when an intermediate is not an object', () => {
    assertStatesError(
      () => assignPath({ a: 1 }, '$.a.b', 2),
      'States.ResultPathMatchFailure',
      'Unable to apply ResultPath "$.a.b" to input "{"a":1}"',
    );
    assertStatesError(() => assignPath({ a: null }, '$.a.b', 2), 'States.ResultPathMatchFailure', /\$\.a\.b/);
    assertStatesError(() => assignPath('text', '$.a', 2), 'States.ResultPathMatchFailure', /"text"/);
  });
  void test('fails on an out-of-range index or a name into an array', () => {
    assertStatesError(() => assignPath({ a: [1] }, '$.a[3]', 2), 'States.ResultPathMatchFailure', /\$\.a\[3\]/);
    assertStatesError(() => assignPath({ a: [1] }, '$.a.b', 2), 'States.ResultPathMatchFailure', /\$\.a\.b/);
  });
  void test('rejects indefinite reference paths', () => {
    assertStatesError(() => assignPath({ a: [1] }, '$.a[*]', 2), 'States.ResultPathMatchFailure', /\$\.a\[\*\]/);
  });
});
