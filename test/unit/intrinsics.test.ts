import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateIntrinsic, isIntrinsicCall, parseIntrinsic } from '../../asl/intrinsics';
import { seededRandomInt } from '../../asl/intrinsics/seeded-random';
import { isStatesError } from '../../asl/errors';
import type { Entropy } from '../../asl/context';
import type { Json } from '../../asl/json';

const entropy: Entropy = { uuid: () => 'ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8', random: () => 0.5 };

const input: Json = {
  name: 'Arnav',
  template: 'Hello, my name is {}.',
  arr: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  dup: [1, 2, 3, 3, 3, 4, { a: 1, b: 2 }, { b: 2, a: 1 }],
  json1: { a: { a1: 1, a2: 2 }, b: 2 },
  json2: { a: { a3: 1, a4: 2 }, c: 3 },
  escaped: '{"foo": "bar"}',
  obj: { foo: 'bar' },
};
const context: Json = { Execution: { Name: 'run-7' } };

const run = (expression: string, data: Json = input): Json => evaluateIntrinsic(expression, data, context, entropy);

function assertFails(expression: string, cause: RegExp, data: Json = input): void {
  assert.throws(
    () => run(expression, data),
    (e: unknown) => {
      assert.ok(isStatesError(e), `expected a StatesError, got ${String(e)}`);
      assert.equal(e.error, 'States.Runtime');
      assert.match(e.cause ?? '', cause);
      return true;
    },
  );
}

void describe('parser', () => {
  void test('isIntrinsicCall recognises States.Xxx( only', () => {
    assert.equal(isIntrinsicCall('States.Array(1)'), true);
    assert.equal(isIntrinsicCall('States.UUID()'), true);
    assert.equal(isIntrinsicCall('$.States'), false);
    assert.equal(isIntrinsicCall('Foo.Bar()'), false);
  });
  void test('parses literals, paths and nested calls', () => {
    assert.deepEqual(
      parseIntrinsic("States.Array('a', 1, -2.5e1, true, false, null, $.x, $$.Execution.Id, States.UUID())"),
      {
        name: 'States.Array',
        args: [
          { kind: 'literal', value: 'a', parts: ['a'] },
          { kind: 'literal', value: 1 },
          { kind: 'literal', value: -25 },
          { kind: 'literal', value: true },
          { kind: 'literal', value: false },
          { kind: 'literal', value: null },
          { kind: 'path', path: '$.x', context: false, text: '$.x' },
          { kind: 'path', path: '$.Execution.Id', context: true, text: '$$.Execution.Id' },
          { kind: 'call', call: { name: 'States.UUID', args: [] } },
        ],
      },
    );
  });
  void test('string escapes', () => {
    assert.deepEqual(run("States.Array('it\\'s \\{x\\} a\\\\b')"), ["it's {x} a\\b"]);
    assertFails("States.Array('bad \\n')", /open escape backslash/);
  });
  void test('paths with brackets, quotes and filters end at the right comma', () => {
    const data = { 'a,b': [1, 2], list: [{ x: 1 }, { x: 5 }] };
    assert.deepEqual(run("States.Array($['a,b'], $.list[?(@.x > 2)].x)", data), [[1, 2], [5]]);
  });
  void test('syntax errors are States.Runtime with a position', () => {
    assertFails('States.Array(1', /missing '\)'/);
    assertFails('States.Array(1) x', /unexpected 'x' after the call/);
    assertFails('States.Array(1,)', /unexpected '\)'/);
    assertFails("States.Array('open)", /unterminated string/);
    assertFails('States.Array(foo)', /unexpected 'f'/);
  });
  void test('more than 10 nested calls are rejected', () => {
    const nested = (n: number): string => (n === 0 ? '1' : `States.Array(${nested(n - 1)})`);
    assert.deepEqual(run(nested(10)), [[[[[[[[[[1]]]]]]]]]]);
    assertFails(nested(11), /more than 10 nested/);
  });
  void test('unknown functions and unresolved paths name the function', () => {
    assertFails('States.Nope(1)', /'States\.Nope' is not a known intrinsic function/);
    assertFails(
      'States.ArrayLength($.missing)',
      /'States\.ArrayLength' could not find the JSONPath '\$\.missing' in the input/,
    );
    assertFails('States.ArrayLength($$.missing)', /in the context object/);
  });
});

void describe('States.Format', () => {
  void test('replaces {} positionally from literals and paths', () => {
    assert.equal(run("States.Format('Hello, my name is {}.', $.name)"), 'Hello, my name is Arnav.');
    assert.equal(run('States.Format($.template, $.name)'), 'Hello, my name is Arnav.');
    assert.equal(run("States.Format('{}-{}', $$.Execution.Name, 3)"), 'run-7-3');
  });
  void test('escaped braces are not placeholders', () => {
    assert.equal(run("States.Format('\\{\\} {}', 'x')"), '{} x');
  });
  void test('renders non-strings as AWS does', () => {
    assert.equal(run("States.Format('{} {} {} {}', 1.5, true, null, $.obj)"), '1.5 true null {foo=bar}');
    assert.equal(run("States.Format('{}', States.Array(1, 'a'))"), '[1, a]');
  });
  void test('argument count must match the placeholders', () => {
    assertFails("States.Format('{} {}', 'a')", /2 placeholder\(s\) but 1 value/);
    assertFails("States.Format('x', 'a')", /0 placeholder\(s\) but 1 value/);
    assertFails('States.Format()', /expects at least 1 argument/);
    assertFails('States.Format(1)', /argument 1 to be a string/);
  });
});

void describe('JSON functions', () => {
  void test('States.StringToJson parses', () => {
    assert.deepEqual(run('States.StringToJson($.escaped)'), { foo: 'bar' });
    assert.equal(run("States.StringToJson('12')"), 12);
    assert.equal(run("States.StringToJson('  ')"), null);
    assertFails("States.StringToJson('{nope')", /could not parse/);
    assertFails('States.StringToJson(1)', /to be a string/);
  });
  void test('States.JsonToString serialises compactly', () => {
    assert.equal(run('States.JsonToString($.obj)'), '{"foo":"bar"}');
    assert.equal(run('States.JsonToString($.arr[0])'), '1');
    assertFails('States.JsonToString()', /expects 1 argument, but received 0/);
  });
  void test('States.JsonMerge is shallow, the second object wins', () => {
    assert.deepEqual(run('States.JsonMerge($.json1, $.json2, false)'), { a: { a3: 1, a4: 2 }, b: 2, c: 3 });
    assert.deepEqual((input as { json1: Json }).json1, { a: { a1: 1, a2: 2 }, b: 2 }); // inputs untouched
    assertFails('States.JsonMerge($.json1, $.json2, true)', /only shallow merging/);
    assertFails('States.JsonMerge($.json1, $.arr, false)', /argument 2 to be a JSON object/);
    assertFails('States.JsonMerge($.json1, $.json2)', /expects 3 arguments/);
  });
});

void describe('array functions', () => {
  void test('States.Array', () => {
    assert.deepEqual(run('States.Array()'), []);
    assert.deepEqual(run("States.Array($.name, 1, 'x')"), ['Arnav', 1, 'x']);
  });
  void test('States.ArrayPartition', () => {
    assert.deepEqual(run('States.ArrayPartition($.arr, 4)'), [[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    assert.deepEqual(run('States.ArrayPartition(States.Array(), 4)'), []);
    assert.deepEqual(run('States.ArrayPartition($.arr, 4.6)'), [
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9],
    ]);
    assertFails('States.ArrayPartition($.arr, 0)', /positive chunk size/);
    assertFails('States.ArrayPartition($.name, 2)', /argument 1 to be an array/);
  });
  void test('States.ArrayContains uses deep equality', () => {
    assert.equal(run('States.ArrayContains($.arr, 5)'), true);
    assert.equal(run('States.ArrayContains($.arr, 10)'), false);
    assert.equal(run('States.ArrayContains($.dup, $.json1.a)'), false);
    assert.equal(run('States.ArrayContains($.dup, States.StringToJson(\'{"b":2,"a":1}\'))'), true);
    assertFails('States.ArrayContains($.obj, 1)', /argument 1 to be an array/);
  });
  void test('States.ArrayRange is inclusive and capped at 1000 elements', () => {
    assert.deepEqual(run('States.ArrayRange(1, 9, 2)'), [1, 3, 5, 7, 9]);
    assert.deepEqual(run('States.ArrayRange(5, 1, -2)'), [5, 3, 1]);
    assert.deepEqual(run('States.ArrayRange(5, 1, 1)'), []);
    assert.equal((run('States.ArrayRange(1, 1000, 1)') as Json[]).length, 1000);
    assertFails('States.ArrayRange(0, 1000, 1)', /1001 elements, more than the maximum of 1000/);
    assertFails('States.ArrayRange(1, 9, 0)', /non-zero step/);
    assertFails("States.ArrayRange(1, '9', 1)", /argument 2 to be a number/);
  });
  void test('States.ArrayGetItem', () => {
    assert.equal(run('States.ArrayGetItem($.arr, 5)'), 6);
    assert.equal(run('States.ArrayGetItem($.arr, 0)'), 1);
    assertFails('States.ArrayGetItem($.arr, 9)', /index 9 is out of bounds for an array of length 9/);
    assertFails('States.ArrayGetItem($.arr, -1)', /out of bounds/);
    assertFails("States.ArrayGetItem($.arr, 'a')", /argument 2 to be a number/);
  });
  void test('States.ArrayLength', () => {
    assert.equal(run('States.ArrayLength($.arr)'), 9);
    assert.equal(run('States.ArrayLength(States.Array())'), 0);
    assertFails('States.ArrayLength($.obj)', /argument 1 to be an array, but got object/);
  });
  void test('States.ArrayUnique keeps first occurrences, by deep equality', () => {
    assert.deepEqual(run('States.ArrayUnique($.dup)'), [1, 2, 3, 4, { a: 1, b: 2 }]);
    assert.deepEqual(run('States.ArrayUnique(States.Array())'), []);
    assertFails('States.ArrayUnique($.arr, 1)', /expects 1 argument, but received 2/);
  });
});

void describe('encoding and hashing', () => {
  void test('States.Base64Encode', () => {
    assert.equal(run("States.Base64Encode('Data to encode')"), 'RGF0YSB0byBlbmNvZGU=');
    assert.equal(run("States.Base64Encode('é✓')"), 'w6ninJM=');
    assertFails('States.Base64Encode($.s)', /accepts at most 10000 characters/, { s: 'x'.repeat(10_001) });
    assertFails('States.Base64Encode(1)', /to be a string/);
  });
  void test('States.Base64Decode', () => {
    assert.equal(run("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"), 'Data to encode');
    assert.equal(run("States.Base64Decode('w6ninJM')"), 'é✓'); // padding may be omitted
    assertFails("States.Base64Decode('%%%')", /not valid Base64/);
    assertFails('States.Base64Decode($.s)', /at most 10000 characters/, { s: 'A'.repeat(10_004) });
  });
  void test('States.Hash supports the five algorithms, lower-case hex', () => {
    assert.equal(run("States.Hash('input data', 'SHA-1')"), 'aaff4a450a104cd177d28d18d74485e8cae074b7');
    assert.equal(run("States.Hash('abc', 'MD5')"), '900150983cd24fb0d6963f7d28e17f72');
    assert.equal(
      run("States.Hash('abc', 'SHA-256')"),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    assert.equal((run("States.Hash('abc', 'SHA-384')") as string).slice(0, 16), 'cb00753f45a35e8b');
    assert.equal((run("States.Hash('abc', 'SHA-512')") as string).slice(0, 16), 'ddaf35a193617aba');
    assertFails("States.Hash('abc', 'SHA-999')", /does not support the algorithm 'SHA-999'/);
    assertFails("States.Hash($.obj, 'MD5')", /argument 1 to be a string/);
    assertFails("States.Hash($.s, 'MD5')", /at most 10000/, { s: 'x'.repeat(10_001) });
  });
});

void describe('math', () => {
  void test('States.MathRandom without a seed uses entropy, in [start, end)', () => {
    assert.equal(run('States.MathRandom(1, 999)'), 1 + Math.floor(0.5 * 998));
    const low: Entropy = { uuid: () => '', random: () => 0 };
    const high: Entropy = { uuid: () => '', random: () => 0.999999 };
    assert.equal(evaluateIntrinsic('States.MathRandom(10, 20)', {}, {}, low), 10);
    assert.equal(evaluateIntrinsic('States.MathRandom(10, 20)', {}, {}, high), 19);
  });
  void test('States.MathRandom with a seed is deterministic and in range', () => {
    const first = run('States.MathRandom(0, 100, 42)');
    assert.equal(run('States.MathRandom(0, 100, 42)'), first);
    for (let seed = 0; seed < 50; seed++) {
      const value = run(`States.MathRandom(5, 8, ${seed})`) as number;
      assert.ok(Number.isInteger(value) && value >= 5 && value < 8, `seed ${seed} gave ${value}`);
    }
    // java.util.Random(42).nextInt(10) is 0
    assert.equal(seededRandomInt(42, 0, 10), 0);
  });
  void test('States.MathRandom validation', () => {
    assertFails('States.MathRandom(5, 5)', /start \(5\) to be less than end \(5\)/);
    assertFails("States.MathRandom('1', 5)", /argument 1 to be a number/);
    assertFails('States.MathRandom(1)', /expects 2 to 3 arguments/);
  });
  void test('States.MathAdd adds, rounding non-integers', () => {
    assert.equal(run('States.MathAdd(111, -1)'), 110);
    assert.equal(run('States.MathAdd(1.2, 2.5)'), 4);
    assert.equal(run('States.MathAdd($.arr[0], $.arr[1])'), 3);
    assertFails('States.MathAdd(2147483648, 1)', /between -2147483648 and 2147483647/);
    assertFails("States.MathAdd(1, 'a')", /argument 2 to be a number/);
  });
});

void describe('strings and ids', () => {
  void test('States.StringSplit splits on any delimiter character and drops empties', () => {
    assert.deepEqual(run("States.StringSplit('1,2,3,4,5', ',')"), ['1', '2', '3', '4', '5']);
    assert.deepEqual(run("States.StringSplit('This.is+a,test=string', '.+,=')"), ['This', 'is', 'a', 'test', 'string']);
    assert.deepEqual(run("States.StringSplit(',a,,b,', ',')"), ['a', 'b']);
    assertFails("States.StringSplit(1, ',')", /argument 1 to be a string/);
    assertFails("States.StringSplit('a')", /expects 2 arguments/);
  });
  void test('States.UUID comes from entropy', () => {
    assert.equal(run('States.UUID()'), 'ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8');
    assertFails('States.UUID(1)', /expects 0 arguments, but received 1/);
  });
  void test('nested calls compose (the AWS nine-deep ARN example)', () => {
    const arn = { ImageRecipe: { Arn: 'arn:aws:imagebuilder:us-east-1:123:image-recipe/my-recipe.v1/1.0.0' } };
    assert.equal(
      run(
        "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), 'x')",
        arn,
      ),
      '1.0.x',
    );
  });
});
