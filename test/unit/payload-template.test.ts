import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyInputPath,
  applyOutputPath,
  applyResultPath,
  resolvePayloadTemplate,
} from '../../asl/paths/payload-template';
import { isStatesError } from '../../asl/errors';
import type { Entropy } from '../../asl/context';
import type { Json } from '../../asl/json';

const entropy: Entropy = { uuid: () => '00000000-0000-4000-8000-000000000000', random: () => 0.5 };

function assertStatesError(fn: () => unknown, error: string, cause: RegExp | string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isStatesError(e), `expected a StatesError, got ${String(e)}`);
    assert.equal(e.error, error);
    if (typeof cause === 'string') assert.equal(e.cause, cause);
    else assert.match(e.cause ?? '', cause);
    return true;
  });
}

const input: Json = { name: 'Ada', items: [{ id: 1 }, { id: 2 }], nested: { k: 'v' } };
const context: Json = { Execution: { Id: 'arn:exec', Name: 'exec-1' }, Map: { Item: { Index: 3, Value: 'x' } } };

void describe('resolvePayloadTemplate', () => {
  void test('`.$` keys take paths into the input and drop the suffix', () => {
    assert.deepEqual(resolvePayloadTemplate({ 'who.$': '$.name', 'all.$': '$' }, input, context, entropy), {
      who: 'Ada',
      all: input,
    });
  });
  void test('`$$` paths read the context object', () => {
    assert.deepEqual(
      resolvePayloadTemplate({ 'id.$': '$$.Execution.Id', 'index.$': '$$.Map.Item.Index' }, input, context, entropy),
      { id: 'arn:exec', index: 3 },
    );
  });
  void test('intrinsic calls are evaluated', () => {
    assert.deepEqual(
      resolvePayloadTemplate(
        { 'greeting.$': "States.Format('Hi {} in {}', $.name, $$.Execution.Name)", 'id.$': 'States.UUID()' },
        input,
        context,
        entropy,
      ),
      { greeting: 'Hi Ada in exec-1', id: '00000000-0000-4000-8000-000000000000' },
    );
  });
  void test('keys without `.$` keep their values literally, even path-like strings', () => {
    const template = { literal: '$.name', n: 1, b: false, z: null, obj: { deep: 'States.UUID()' } };
    assert.deepEqual(resolvePayloadTemplate(template, input, context, entropy), template);
  });
  void test('nested objects and arrays are walked', () => {
    assert.deepEqual(
      resolvePayloadTemplate(
        { outer: { 'inner.$': '$.nested.k' }, list: [{ 'ids.$': '$.items[*].id' }, 'plain', 5] },
        input,
        context,
        entropy,
      ),
      { outer: { inner: 'v' }, list: [{ ids: [1, 2] }, 'plain', 5] },
    );
  });
  void test('the result does not alias the input', () => {
    const out = resolvePayloadTemplate({ 'n.$': '$.nested' }, input, context, entropy) as { n: { k: string } };
    out.n.k = 'changed';
    assert.deepEqual((input as { nested: { k: string } }).nested, { k: 'v' });
  });
  void test('a missing input path is a States.Runtime error naming field and input', () => {
    assertStatesError(
      () => resolvePayloadTemplate({ 'y.$': '$.x' }, { a: 1 }, context, entropy),
      'States.Runtime',
      `The JSONPath '$.x' specified for the field 'y.$' could not be found in the input '{"a":1}'`,
    );
  });
  void test('a missing context path names the context object', () => {
    assertStatesError(
      () => resolvePayloadTemplate({ 'y.$': '$$.Nope' }, input, { a: 1 }, entropy),
      'States.Runtime',
      `The JSONPath '$$.Nope' specified for the field 'y.$' could not be found in the context object '{"a":1}'`,
    );
  });
  void test('a `.$` value that is not a path or intrinsic fails', () => {
    assertStatesError(
      () => resolvePayloadTemplate({ 'y.$': 'name' }, input, context, entropy),
      'States.Runtime',
      /'y\.\$'/,
    );
    assertStatesError(() => resolvePayloadTemplate({ 'y.$': 5 }, input, context, entropy), 'States.Runtime', /STRING/);
  });
});

void describe('applyInputPath / applyOutputPath', () => {
  void test('undefined keeps, null empties, a path selects', () => {
    assert.deepEqual(applyInputPath(input, undefined), input);
    assert.deepEqual(applyInputPath(input, null), {});
    assert.equal(applyInputPath(input, '$.name'), 'Ada');
    assert.deepEqual(applyOutputPath(input, '$.items[*].id'), [1, 2]);
    assert.deepEqual(applyOutputPath(input, null), {});
    assert.deepEqual(applyOutputPath(input, undefined), input);
  });
  void test('`$$` paths read the context when given', () => {
    assert.equal(applyInputPath(input, '$$.Execution.Id', context), 'arn:exec');
  });
  void test('a missing path is States.Runtime', () => {
    assertStatesError(
      () => applyInputPath({}, '$.x'),
      'States.Runtime',
      "Invalid path '$.x' : No results for path: $['x']",
    );
    assertStatesError(
      () => applyOutputPath({ a: 1 }, '$.a.b'),
      'States.Runtime',
      /No results for path: \$\['a'\]\['b'\]/,
    );
  });
});

void describe('applyResultPath', () => {
  void test('undefined means $: the result replaces the input', () => {
    assert.deepEqual(applyResultPath({ a: 1 }, { r: 2 }, undefined), { r: 2 });
  });
  void test('null discards the result', () => {
    assert.deepEqual(applyResultPath({ a: 1 }, { r: 2 }, null), { a: 1 });
  });
  void test('a path places the result into a copy of the input', () => {
    const original = { a: 1 };
    assert.deepEqual(applyResultPath(original, { r: 2 }, '$.out'), { a: 1, out: { r: 2 } });
    assert.deepEqual(original, { a: 1 });
  });
  void test('an impossible placement is States.ResultPathMatchFailure', () => {
    assertStatesError(
      () => applyResultPath({ a: 'x' }, 1, '$.a.b'),
      'States.ResultPathMatchFailure',
      /Unable to apply/,
    );
  });
});
