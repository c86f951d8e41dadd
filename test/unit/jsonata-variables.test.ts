/**
 * Variable scopes, their quotas, their event form, and `$name` references from JSONPath fields.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatesErrors } from '../../asl/errors';
import { lookupReference, selectReference, variableReference } from '../../asl/paths/references';
import { applyInputPath, resolvePayloadTemplate } from '../../asl/paths/payload-template';
import { evaluateIntrinsic } from '../../asl/intrinsics';
import { evaluateChoiceRule } from '../../asl/choice/evaluate';
import {
  assignedVariablesDetails,
  MAX_TOTAL_VARIABLE_BYTES,
  MAX_VARIABLE_BYTES,
  VariableScope,
} from '../../asl/variables/scope';

const entropy = { uuid: () => 'u', random: () => 0.5 };

test('a child scope reads its outer scope and keeps its own assignments', () => {
  const root = new VariableScope(undefined, { x: 1 });
  const child = root.child();
  child.assign({ y: 2, x: 10 });
  assert.equal(child.get('x'), 10);
  assert.equal(child.get('y'), 2);
  assert.equal(root.get('x'), 1);
  assert.equal(root.get('y'), undefined);
  assert.deepEqual(child.all(), { x: 10, y: 2 });
  assert.deepEqual(child.ownValues(), { y: 2, x: 10 });
});

test('assigned values are copies', () => {
  const scope = new VariableScope();
  const value = { a: [1] };
  scope.assign({ v: value });
  value.a.push(2);
  assert.deepEqual(scope.get('v'), { a: [1] });
});

test('quotas: one value 256 KiB, one Assign 256 KiB, all variables 10 MiB', () => {
  const scope = new VariableScope();
  const big = 'x'.repeat(MAX_VARIABLE_BYTES);
  assert.throws(() => scope.assign({ big }), {
    error: StatesErrors.DataLimitExceeded,
    cause: /The variable 'big' has a size exceeding/,
  });
  const half = 'x'.repeat(MAX_VARIABLE_BYTES / 2);
  assert.throws(() => scope.assign({ a: half, b: half }), {
    error: StatesErrors.DataLimitExceeded,
    cause: /combined size/,
  });
  const chunk = 'x'.repeat(200 * 1024);
  const count = Math.floor(MAX_TOTAL_VARIABLE_BYTES / (200 * 1024 + 2));
  for (let i = 0; i < count; i++) scope.assign({ [`v${i}`]: chunk });
  assert.throws(() => scope.assign({ last: chunk }), {
    error: StatesErrors.DataLimitExceeded,
    cause: /variables of the execution/,
  });
  // Overwriting a variable replaces its size rather than adding to it.
  scope.assign({ v0: 'small' });
  scope.assign({ last: 'small' });
});

test('assignedVariables serialise each value as JSON', () => {
  assert.deepEqual(assignedVariablesDetails({ s: 'a', n: 1, o: { k: null } }), {
    assignedVariables: { s: '"a"', n: '1', o: '{"k":null}' },
    assignedVariablesDetails: { truncated: false },
  });
});

test('$name references: the variable, then a path inside its value', () => {
  assert.deepEqual(variableReference('$items[0].name'), { name: 'items', path: '$[0].name' });
  assert.deepEqual(variableReference('$x'), { name: 'x', path: '$' });
  assert.equal(variableReference('$'), undefined);
  assert.equal(variableReference('$.x'), undefined);
  assert.equal(variableReference('$$.Execution.Id'), undefined);
  const variables = new VariableScope(undefined, { obj: { list: [1, 2] } });
  assert.equal(lookupReference('$obj.list[1]', { data: {}, variables }), 2);
  assert.equal(lookupReference('$obj.nope', { data: {}, variables }), undefined);
  assert.throws(() => selectReference('$missing', { data: {}, variables }), { error: StatesErrors.Runtime });
  assert.throws(() => selectReference('$obj.nope', { data: {}, variables }), /No results for path/);
});

test('JSONPath fields read variables: InputPath, `.$` templates, intrinsics, Choice rules', () => {
  const variables = new VariableScope(undefined, { n: 5, name: 'Ann', s: { v: 'a' } });
  assert.equal(applyInputPath({}, '$n', {}, variables), 5);
  assert.deepEqual(resolvePayloadTemplate({ 'a.$': '$s.v', 'b.$': '$.x', c: '$n' }, { x: 1 }, {}, entropy, variables), {
    a: 'a',
    b: 1,
    c: '$n',
  });
  assert.equal(evaluateIntrinsic("States.Format('Hi {}', $name)", {}, {}, entropy, variables), 'Hi Ann');
  assert.equal(evaluateChoiceRule({ Variable: '$n', NumericGreaterThan: 4 }, {}, {}, variables), true);
  assert.equal(evaluateChoiceRule({ Variable: '$s.v', IsPresent: true }, {}, {}, variables), true);
  assert.throws(
    () => resolvePayloadTemplate({ 'a.$': '$nope' }, {}, {}, entropy, variables),
    /refers to the variable 'nope', which is not defined/,
  );
});
