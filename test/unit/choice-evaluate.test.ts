import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChoiceRule, parseTimestamp, selectChoice, stringMatches } from '../../asl/choice/evaluate';
import { COMPARISON_OPERATORS } from '../../asl/choice/operators';
import { isStatesError } from '../../asl/errors';
import type { Json } from '../../asl/json';
import type { ChoiceRule, ChoiceState } from '../../asl/types';

const input: Json = {
  s: 'beta',
  n: 5,
  f: 2.5,
  t: true,
  z: null,
  ts: '2024-03-10T12:00:00Z',
  tsOffset: '2024-03-10T14:00:00+02:00',
  tsLater: '2024-03-10T12:00:00.000001Z',
  tsEarly: '2024-03-10T11:00:00Z',
  other: { s: 'beta', sLow: 'alpha', sHigh: 'gamma', n: 5, nLow: 1, nHigh: 9, t: true, f: false },
  arr: [1, 2],
  file: 'log-*.txt',
};

function check(rule: ChoiceRule, expected: boolean, data: Json = input): void {
  assert.equal(evaluateChoiceRule(rule, data), expected, JSON.stringify(rule));
}

function assertStatesError(fn: () => unknown, error: string, cause: RegExp | string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isStatesError(e), `expected a StatesError, got ${String(e)}`);
    assert.equal(e.error, error);
    if (typeof cause === 'string') assert.equal(e.cause, cause);
    else assert.match(e.cause ?? '', cause);
    return true;
  });
}

/** For each operator: [rule operand, expected] pairs evaluated with Variable $.<variable>. */
const CASES: Record<string, { variable: string; cases: [Json, boolean][] }> = {
  StringEquals: {
    variable: '$.s',
    cases: [
      ['beta', true],
      ['alpha', false],
      [5, false],
    ],
  },
  StringEqualsPath: {
    variable: '$.s',
    cases: [
      ['$.other.s', true],
      ['$.other.sLow', false],
      ['$.other.n', false],
    ],
  },
  StringLessThan: {
    variable: '$.s',
    cases: [
      ['gamma', true],
      ['beta', false],
      ['alpha', false],
    ],
  },
  StringLessThanPath: {
    variable: '$.s',
    cases: [
      ['$.other.sHigh', true],
      ['$.other.sLow', false],
    ],
  },
  StringGreaterThan: {
    variable: '$.s',
    cases: [
      ['alpha', true],
      ['beta', false],
    ],
  },
  StringGreaterThanPath: {
    variable: '$.s',
    cases: [
      ['$.other.sLow', true],
      ['$.other.sHigh', false],
    ],
  },
  StringLessThanEquals: {
    variable: '$.s',
    cases: [
      ['beta', true],
      ['gamma', true],
      ['alpha', false],
    ],
  },
  StringLessThanEqualsPath: {
    variable: '$.s',
    cases: [
      ['$.other.s', true],
      ['$.other.sLow', false],
    ],
  },
  StringGreaterThanEquals: {
    variable: '$.s',
    cases: [
      ['beta', true],
      ['alpha', true],
      ['gamma', false],
    ],
  },
  StringGreaterThanEqualsPath: {
    variable: '$.s',
    cases: [
      ['$.other.s', true],
      ['$.other.sHigh', false],
    ],
  },
  StringMatches: {
    variable: '$.s',
    cases: [
      ['b*a', true],
      ['*et*', true],
      ['a*', false],
      ['beta', true],
    ],
  },
  NumericEquals: {
    variable: '$.n',
    cases: [
      [5, true],
      [5.0, true],
      [4, false],
      ['5', false],
    ],
  },
  NumericEqualsPath: {
    variable: '$.n',
    cases: [
      ['$.other.n', true],
      ['$.other.nLow', false],
      ['$.s', false],
    ],
  },
  NumericLessThan: {
    variable: '$.n',
    cases: [
      [6, true],
      [5, false],
    ],
  },
  NumericLessThanPath: {
    variable: '$.n',
    cases: [
      ['$.other.nHigh', true],
      ['$.other.nLow', false],
    ],
  },
  NumericGreaterThan: {
    variable: '$.n',
    cases: [
      [4.5, true],
      [5, false],
    ],
  },
  NumericGreaterThanPath: {
    variable: '$.n',
    cases: [
      ['$.other.nLow', true],
      ['$.other.nHigh', false],
    ],
  },
  NumericLessThanEquals: {
    variable: '$.n',
    cases: [
      [5, true],
      [4, false],
    ],
  },
  NumericLessThanEqualsPath: {
    variable: '$.n',
    cases: [
      ['$.other.n', true],
      ['$.other.nLow', false],
    ],
  },
  NumericGreaterThanEquals: {
    variable: '$.n',
    cases: [
      [5, true],
      [6, false],
    ],
  },
  NumericGreaterThanEqualsPath: {
    variable: '$.n',
    cases: [
      ['$.other.nLow', true],
      ['$.other.nHigh', false],
    ],
  },
  BooleanEquals: {
    variable: '$.t',
    cases: [
      [true, true],
      [false, false],
      ['true', false],
    ],
  },
  BooleanEqualsPath: {
    variable: '$.t',
    cases: [
      ['$.other.t', true],
      ['$.other.f', false],
      ['$.n', false],
    ],
  },
  TimestampEquals: {
    variable: '$.ts',
    cases: [
      ['2024-03-10T12:00:00Z', true],
      ['2024-03-10T13:00:00+01:00', true],
      ['2024-03-10T12:00:01Z', false],
      ['nope', false],
    ],
  },
  TimestampEqualsPath: {
    variable: '$.ts',
    cases: [
      ['$.tsOffset', true],
      ['$.tsLater', false],
      ['$.s', false],
    ],
  },
  TimestampLessThan: {
    variable: '$.ts',
    cases: [
      ['2024-03-10T12:00:00.000000001Z', true],
      ['2024-03-10T12:00:00Z', false],
    ],
  },
  TimestampLessThanPath: {
    variable: '$.ts',
    cases: [
      ['$.tsLater', true],
      ['$.tsOffset', false],
    ],
  },
  TimestampGreaterThan: {
    variable: '$.ts',
    cases: [
      ['2024-03-10T11:59:59.999Z', true],
      ['2024-03-10T12:00:00Z', false],
    ],
  },
  TimestampGreaterThanPath: {
    variable: '$.tsLater',
    cases: [
      ['$.ts', true],
      ['$.tsLater', false],
    ],
  },
  TimestampLessThanEquals: {
    variable: '$.ts',
    cases: [
      ['2024-03-10T12:00:00Z', true],
      ['2024-03-10T11:00:00Z', false],
    ],
  },
  TimestampLessThanEqualsPath: {
    variable: '$.ts',
    cases: [
      ['$.tsOffset', true],
      ['$.tsLater', true],
      ['$.tsEarly', false],
    ],
  },
  TimestampGreaterThanEquals: {
    variable: '$.ts',
    cases: [
      ['2024-03-10T12:00:00Z', true],
      ['2025-01-01T00:00:00Z', false],
    ],
  },
  TimestampGreaterThanEqualsPath: {
    variable: '$.ts',
    cases: [
      ['$.tsOffset', true],
      ['$.tsEarly', true],
      ['$.tsLater', false],
    ],
  },
  IsNull: {
    variable: '$.z',
    cases: [
      [true, true],
      [false, false],
    ],
  },
  IsPresent: {
    variable: '$.z',
    cases: [
      [true, true],
      [false, false],
    ],
  },
  IsNumeric: {
    variable: '$.f',
    cases: [
      [true, true],
      [false, false],
    ],
  },
  IsString: {
    variable: '$.s',
    cases: [
      [true, true],
      [false, false],
    ],
  },
  IsBoolean: {
    variable: '$.t',
    cases: [
      [true, true],
      [false, false],
    ],
  },
  IsTimestamp: {
    variable: '$.ts',
    cases: [
      [true, true],
      [false, false],
    ],
  },
};

void describe('comparison operators', () => {
  void test('every operator in COMPARISON_OPERATORS has cases', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(COMPARISON_OPERATORS).sort());
  });
  for (const [operator, { variable, cases }] of Object.entries(CASES)) {
    void test(operator, () => {
      assert.ok(cases.some(([, e]) => e) && cases.some(([, e]) => !e), 'needs true and false cases');
      for (const [operand, expected] of cases) check({ Variable: variable, [operator]: operand }, expected);
    });
  }
});

void describe('type tests', () => {
  void test('IsNull/IsNumeric/IsString/IsBoolean/IsTimestamp on other types', () => {
    check({ Variable: '$.s', IsNull: true }, false);
    check({ Variable: '$.s', IsNumeric: true }, false);
    check({ Variable: '$.n', IsString: true }, false);
    check({ Variable: '$.z', IsBoolean: true }, false);
    check({ Variable: '$.s', IsTimestamp: true }, false);
    check({ Variable: '$.n', IsTimestamp: false }, true);
  });
  void test('IsPresent: a missing path is false, not an error', () => {
    check({ Variable: '$.missing', IsPresent: true }, false);
    check({ Variable: '$.missing.deeper', IsPresent: false }, true);
    check({ Variable: '$.arr[5]', IsPresent: true }, false);
    check({ Variable: '$.arr[*]', IsPresent: true }, true);
    check({ Variable: '$.nothing[*]', IsPresent: true }, false);
  });
});

void describe('errors and wrong types', () => {
  void test('a Variable that does not resolve is States.Runtime for every operator but IsPresent', () => {
    for (const operator of [
      'StringEquals',
      'NumericEquals',
      'IsNull',
      'IsString',
      'TimestampEquals',
      'BooleanEquals',
    ]) {
      assertStatesError(
        () => evaluateChoiceRule({ Variable: '$.missing', [operator]: true }, input),
        'States.Runtime',
        "Invalid path '$.missing': The choice state's condition path references an invalid value.",
      );
    }
  });
  void test('a ...Path operand that does not resolve is States.Runtime', () => {
    assertStatesError(
      () => evaluateChoiceRule({ Variable: '$.n', NumericEqualsPath: '$.nope' }, input),
      'States.Runtime',
      /Invalid path '\$\.nope'/,
    );
  });
  void test('wrong-type Variable values compare false', () => {
    check({ Variable: '$.n', StringEquals: '5' }, false);
    check({ Variable: '$.s', NumericGreaterThan: 0 }, false);
    check({ Variable: '$.z', BooleanEquals: false }, false);
    check({ Variable: '$.n', TimestampLessThan: '2030-01-01T00:00:00Z' }, false);
    check({ Variable: '$.n', StringMatches: '*' }, false);
  });
  void test('$$ variables read the context object', () => {
    assert.equal(
      evaluateChoiceRule({ Variable: '$$.Execution.Name', StringEquals: 'x' }, {}, { Execution: { Name: 'x' } }),
      true,
    );
  });
});

void describe('And / Or / Not', () => {
  const yes: ChoiceRule = { Variable: '$.n', NumericEquals: 5 };
  const no: ChoiceRule = { Variable: '$.n', NumericEquals: 6 };
  void test('And', () => {
    check({ And: [yes, yes] }, true);
    check({ And: [yes, no] }, false);
  });
  void test('Or', () => {
    check({ Or: [no, yes] }, true);
    check({ Or: [no, no] }, false);
  });
  void test('Not', () => {
    check({ Not: no }, true);
    check({ Not: yes }, false);
  });
  void test('nesting', () => {
    check({ And: [{ Not: no }, { Or: [no, { And: [yes] }] }] }, true);
    check({ Not: { Or: [yes, no] } }, false);
  });
  void test('Or short-circuits before a failing rule', () => {
    check({ Or: [yes, { Variable: '$.missing', StringEquals: 'x' }] }, true);
  });
});

void describe('StringMatches wildcards', () => {
  void test('wildcards and escapes', () => {
    assert.equal(stringMatches('log-2024.txt', 'log-*.txt'), true);
    assert.equal(stringMatches('log-*.txt', 'log-\\*.txt'), true);
    assert.equal(stringMatches('log-2024.txt', 'log-\\*.txt'), false);
    assert.equal(stringMatches('a\\b', 'a\\\\b'), true);
    assert.equal(stringMatches('', '*'), true);
    assert.equal(stringMatches('abc', '*b*c'), true);
    assert.equal(stringMatches('abcd', '*b*c'), false);
    assert.equal(stringMatches('aaaa', 'a*a*a*a*a'), false);
  });
  void test('an escaped star in a rule matches a literal star only', () => {
    check({ Variable: '$.file', StringMatches: 'log-\\*.txt' }, true);
    check({ Variable: '$.s', StringMatches: 'b\\*' }, false);
  });
});

void describe('parseTimestamp', () => {
  void test('accepts RFC 3339 with Z or an offset, fractions up to nanoseconds', () => {
    assert.deepEqual(parseTimestamp('1970-01-01T00:00:00Z'), { seconds: 0, nanos: 0 });
    assert.deepEqual(parseTimestamp('1970-01-01T01:00:00.5+01:00'), { seconds: 0, nanos: 500_000_000 });
    assert.deepEqual(parseTimestamp('2016-03-14T01:59:00Z'), { seconds: 1457920740, nanos: 0 });
    assert.deepEqual(parseTimestamp('0050-01-01T00:00:00Z')?.seconds, -60589296000);
  });
  void test('rejects non-conforming strings', () => {
    for (const bad of [
      '2016-03-14',
      '2016-03-14t01:59:00Z',
      '2016-03-14T01:59:00',
      '2016-02-30T00:00:00Z',
      '2016-03-14T24:00:00Z',
      '2016-03-14T01:59:00z',
    ]) {
      assert.equal(parseTimestamp(bad), undefined, bad);
    }
  });
});

void describe('selectChoice', () => {
  const state: ChoiceState = {
    Type: 'Choice',
    Choices: [
      { Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' },
      { Variable: '$.n', NumericGreaterThan: 1, Next: 'Medium' },
      { Variable: '$.n', NumericGreaterThan: 0, Next: 'Small' },
    ],
    Default: 'Fallback',
  };
  void test('the first matching rule wins', () => {
    assert.equal(selectChoice(state, { n: 5 }), 'Medium');
    assert.equal(selectChoice(state, { n: 50 }), 'Big');
  });
  void test('Default when nothing matches', () => {
    assert.equal(selectChoice(state, { n: -1 }), 'Fallback');
  });
  void test('States.NoChoiceMatched without a Default', () => {
    const { Default: _default, ...noDefault } = state;
    assertStatesError(() => selectChoice(noDefault, { n: -1 }), 'States.NoChoiceMatched', 'No Matches!');
  });
});
