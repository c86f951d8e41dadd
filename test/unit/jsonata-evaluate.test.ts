/**
 * JSONata evaluation on its own: `$states`, variables, the Step Functions functions made deterministic through
 * the host, and AWS's States.QueryEvaluationError wording.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatesErrors } from '../../asl/errors';
import type { Json } from '../../asl/json';
import { QueryEvaluationError } from '../../asl/jsonata/errors';
import { evaluateExpression, expressionText, isJsonataExpression, type JsonataScope } from '../../asl/jsonata/evaluate';
import { evaluateTemplate, evaluateTyped } from '../../asl/jsonata/template';
import { selectItem } from '../../asl/jsonata/item-selector';

const NOW = Date.UTC(2024, 10, 22, 12, 30, 0, 250);

function scope(overrides: Partial<JsonataScope> = {}, variables: Record<string, Json> = {}): JsonataScope {
  let uuids = 0;
  let draws = 0;
  return {
    states: { input: { n: 2, list: [3, 1, 2] }, context: { State: { Name: 'S' } } },
    variables,
    host: { now: () => NOW, uuid: () => `uuid-${++uuids}`, random: () => [0.25, 0.5, 0.75][draws++ % 3] as number },
    ...overrides,
  };
}

const evaluate = (expression: string, s = scope()) => evaluateExpression(`{% ${expression} %}`, 'Output', s);

async function rejectsWith(promise: Promise<unknown>, cause: string | RegExp, location = 'Output') {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof QueryEvaluationError);
    assert.equal(error.error, StatesErrors.QueryEvaluationError);
    if (typeof cause === 'string') assert.equal(error.cause, cause);
    else assert.match(error.cause ?? '', cause);
    assert.equal(error.location, location);
    return true;
  });
}

test('only a whole {% ... %} string is an expression; its text is quoted trimmed', () => {
  assert.equal(isJsonataExpression('{% 1 %}'), true);
  assert.equal(isJsonataExpression(' {% 1 %}'), false);
  assert.equal(isJsonataExpression('{% 1 %} '), false);
  assert.equal(isJsonataExpression(1), false);
  assert.equal(expressionText('{%   $x.y  %}'), '$x.y');
});

test('$states members and variables are bound; `$` alone is undefined', async () => {
  assert.equal(await evaluate('$states.input.n * 10'), 20);
  assert.equal(await evaluate('$states.context.State.Name'), 'S');
  assert.equal(await evaluate('$x & "!"', scope({}, { x: 'hi' })), 'hi!');
  await rejectsWith(
    evaluate('$'),
    "The JSONata expression '$' specified for the field 'Output' returned nothing (undefined).",
  );
});

test('$now and $millis read the host clock; $now keeps its picture argument', async () => {
  assert.equal(await evaluate('$millis()'), NOW);
  assert.equal(await evaluate('$now()'), '2024-11-22T12:30:00.250Z');
  assert.equal(await evaluate("$now('[Y0001]-[M01]-[D01]')"), '2024-11-22');
});

test('$random and $shuffle draw from the host; a seeded $random repeats', async () => {
  assert.equal(await evaluate('$random()'), 0.25);
  const seeded = await evaluate('[$random(42), $random(42), $random(7)]');
  assert.ok(Array.isArray(seeded));
  assert.equal(seeded[0], seeded[1]);
  assert.notEqual(seeded[0], seeded[2]);
  assert.ok((seeded[0] as number) >= 0 && (seeded[0] as number) < 1);
  assert.deepEqual(await evaluate('$shuffle([1, 2, 3])'), await evaluate('$shuffle([1, 2, 3])'));
});

test('$uuid, $partition, $range, $hash and $parse', async () => {
  assert.equal(await evaluate('$uuid()'), 'uuid-1');
  assert.deepEqual(await evaluate('$partition([0, 1, 2, 3], 3)'), [[0, 1, 2], [3]]);
  assert.deepEqual(await evaluate('$partition([0], 5)'), [[0]]);
  assert.deepEqual(await evaluate('$range(0, 10, 3)'), [0, 3, 6, 9]);
  assert.equal(await evaluate('$range(1, 9, 9)'), 1);
  assert.equal(await evaluate("$hash('abc', 'MD5')"), '900150983cd24fb0d6963f7d28e17f72');
  assert.deepEqual(await evaluate('$parse(\'{"a": [1]}\')'), { a: [1] });
  assert.equal(await evaluate("$parse('-0')"), 0);
});

test('function faults are evaluation errors naming the JSONata function', async () => {
  await rejectsWith(
    evaluate('$partition([1], 0)'),
    /threw an error during evaluation\. D3200: The function '\$partition' expects a positive chunk size/,
  );
  await rejectsWith(evaluate("$parse('{')"), /D3203: The function '\$parse' could not parse its argument as JSON/);
  await rejectsWith(evaluate('$eval("1")'), /T1006: Attempted to invoke a non-function$/);
});

test('errors quote the expression and the field (recorded AWS wording)', async () => {
  await rejectsWith(
    evaluateExpression('{% $randomSeeded(1) %}', 'Output/FunctionResult', scope()),
    "The JSONata expression '$randomSeeded(1)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    'Output/FunctionResult',
  );
  await rejectsWith(evaluate('1 +'), /threw an error during evaluation\. S0207: /);
});

test('templates evaluate every nested expression, naming each location', async () => {
  const template = {
    a: '{% $states.input.n %}',
    list: [1, '{% $states.input.n + 1 %}'],
    deep: { lit: 'x', v: '{% true %}' },
  };
  assert.deepEqual(await evaluateTemplate(template, 'Arguments', scope()), {
    a: 2,
    list: [1, 3],
    deep: { lit: 'x', v: true },
  });
  await rejectsWith(
    evaluateTemplate({ deep: [{ x: '{% $nope %}' }] }, 'Output', scope()),
    "The JSONata expression '$nope' specified for the field 'Output/deep/0/x' returned nothing (undefined).",
    'Output/deep/0/x',
  );
});

test('typed fields report an unexpected result type', async () => {
  assert.deepEqual(await evaluateTyped('{% $states.input.list %}', 'Items', 'array', scope()), [3, 1, 2]);
  await rejectsWith(
    evaluateTyped('{% 1 %}', 'Items', 'array', scope()),
    "The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1",
    'Items',
  );
  await rejectsWith(
    evaluateTyped('{% 1.5 %}', 'MaxConcurrency', 'integer', scope()),
    /Expected 'integer', but was 'number' for value: 1.5$/,
    'MaxConcurrency',
  );
  // Literals are left to the field's own checks.
  assert.equal(await evaluateTyped(7, 'Items', 'array', scope()), 7);
});

test('results become plain JSON: sequences are arrays, functions drop out', async () => {
  assert.deepEqual(await evaluate('$states.input.list[$ > 1]'), [3, 2]);
  assert.deepEqual(await evaluate('{"f": function($x) { $x }, "k": 1}'), { k: 1 });
  await rejectsWith(evaluate('function($x) { $x }'), /returned nothing \(undefined\)/);
});

test('selectItem reads an ItemSelector in either language', async () => {
  const host = scope().host;
  const context = { Map: { Item: { Index: 1, Value: 'v' } } };
  const jsonata = await selectItem({
    itemSelector: { v: '{% $states.context.Map.Item.Value %}', p: '{% $p %}' },
    queryLanguage: 'JSONata',
    input: {},
    context,
    variables: { p: 1 },
    host,
  });
  assert.deepEqual(jsonata, { v: 'v', p: 1 });
  const jsonPath = await selectItem({
    itemSelector: { 'v.$': '$$.Map.Item.Index', 'p.$': '$p', 'i.$': '$.a' },
    queryLanguage: 'JSONPath',
    input: { a: 2 },
    context,
    variables: { p: 1 },
    host,
  });
  assert.deepEqual(jsonPath, { v: 1, p: 1, i: 2 });
});
