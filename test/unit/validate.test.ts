import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MapState } from '../../asl/types';
import type { DefinitionFault } from '../../asl/validate';
import { formatInvalidDefinition, validateDefinition, validateStateDefinition } from '../../asl/validate';

import {
  type Obj,
  sm,
  pass,
  task,
  wait,
  choice,
  rule,
  retrier,
  processor,
  DISTRIBUTED,
  dmap,
  inlineMap,
  jsonata,
  SCHEMA,
  MISSING,
  INVALID,
} from '../fixtures/invalid-definitions';

function assertFault(faults: DefinitionFault[], path: string, text: string, code: string | undefined, what: string) {
  const hit = faults.find(
    (f) => f.path === path && f.message.includes(text) && (code === undefined || f.code === code),
  );
  assert.ok(
    hit,
    `${what}: no fault at ${JSON.stringify(path)} mentioning ${JSON.stringify(text)}; got ${JSON.stringify(faults)}`,
  );
}

describe('validateDefinition rejects invalid definitions', () => {
  test('the table holds distinct cases', () => {
    assert.ok(INVALID.length >= 45);
    assert.equal(new Set(INVALID.map((c) => c[0])).size, INVALID.length);
    assert.equal(new Set(INVALID.map((c) => JSON.stringify(c[1]))).size, INVALID.length);
  });
  for (const [what, definition, path, text, code] of INVALID) {
    test(what, () => {
      const result = validateDefinition(definition);
      assert.equal(result.ok, false, `${what}: expected faults`);
      if (!result.ok) assertFault(result.faults, path, text, code, what);
    });
  }
});

function assertValid(definition: unknown, what = 'definition') {
  const result = validateDefinition(definition);
  assert.ok(result.ok, `${what}: ${result.ok ? '' : formatInvalidDefinition(result.faults)}`);
  return result.definition;
}

const VALID: [string, unknown][] = [
  [
    'Pass with JSONPath fields',
    sm(
      {
        A: pass({
          InputPath: '$$',
          Parameters: { 'id.$': '$$.Execution.Id', 'n.$': 'States.MathAdd($.n, 1)', c: 1 },
          ResultPath: '$.out',
          OutputPath: null,
          Assign: { 'v.$': '$.x', w: 2 },
        }),
      },
      { Comment: 'c', Version: '1.0', TimeoutSeconds: 60 },
    ),
  ],
  ['Pass with a literal Result', sm({ A: pass({ Result: { 'not.$': 'a literal' }, ResultPath: null }) })],
  [
    'Task with retry, catch and timeouts',
    sm({
      T: task({
        TimeoutSeconds: 10,
        HeartbeatSeconds: 5,
        ResultSelector: { 'p.$': '$.Payload' },
        Credentials: { 'RoleArn.$': '$.role' },
        Retry: [
          retrier({
            IntervalSeconds: 2,
            MaxAttempts: 0,
            BackoffRate: 1.5,
            MaxDelaySeconds: 30,
            JitterStrategy: 'FULL',
          }),
          { ErrorEquals: ['States.ALL'] },
        ],
        Catch: [
          { ErrorEquals: ['States.Timeout', 'States.TaskFailed'], ResultPath: '$.err', Next: 'H' },
          { ErrorEquals: ['States.ALL'], Next: 'H' },
        ],
      }),
      H: pass(),
    }),
  ],
  ['Task with path timeouts', sm({ T: task({ TimeoutSecondsPath: '$.t', HeartbeatSecondsPath: '$.h' }) })],
  [
    'Choice with every operand kind',
    choice([
      rule({ StringEquals: 'a' }),
      rule({ NumericLessThanEqualsPath: '$.y' }),
      rule({ TimestampGreaterThan: '2024-03-10T12:00:00.5+02:00' }),
      rule({ StringMatches: 'log-*.txt' }),
      {
        And: [rule({ IsPresent: true, Next: undefined }), { Not: rule({ BooleanEquals: false, Next: undefined }) }],
        Next: 'Done',
        Assign: { hit: true },
      },
      { Or: [rule({ IsNumeric: true, Next: undefined })], Next: 'Done' },
    ]),
  ],
  [
    'Wait variants',
    sm({
      W1: wait({ Seconds: 0, End: undefined, Next: 'W2' }),
      W2: wait({ Timestamp: '2030-01-01T00:00:00Z', End: undefined, Next: 'W3' }),
      W3: wait({ SecondsPath: '$.s', End: undefined, Next: 'W4' }),
      W4: wait({ TimestampPath: '$.t' }),
    }),
  ],
  [
    'Fail re-raising a States error',
    sm({ F: { Type: 'Fail', Error: 'States.Timeout', CausePath: "States.Format('x {}', $.y)" } }),
  ],
  [
    'Parallel with branches and catch',
    sm({
      P: {
        Type: 'Parallel',
        Branches: [sm({ B1: pass() }), sm({ B2: task() })],
        ResultSelector: { 'all.$': '$' },
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'H' }],
        Next: 'H',
      },
      H: { Type: 'Succeed' },
    }),
  ],
  [
    'Inline Map',
    sm({
      M: inlineMap({
        ItemsPath: '$.items',
        ItemSelector: { 'v.$': '$$.Map.Item.Value' },
        MaxConcurrency: 0,
        ResultPath: '$.r',
      }),
    }),
  ],
  [
    'Distributed Map with reader, batcher, writer',
    sm({
      M: dmap({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          Parameters: { 'Bucket.$': '$.b', Key: 'k.csv' },
          ReaderConfig: {
            InputType: 'CSV',
            CSVHeaderLocation: 'GIVEN',
            CSVHeaders: ['a', 'b'],
            CSVDelimiter: 'PIPE',
            MaxItems: 10,
          },
        },
        ItemBatcher: {
          MaxItemsPerBatch: 10,
          MaxInputBytesPerBatch: 262144,
          BatchInput: { 'at.$': '$$.State.EnteredTime' },
        },
        ResultWriter: {
          Resource: 'arn:aws:states:::s3:putObject',
          Parameters: { Bucket: 'out', Prefix: 'p' },
          WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSONL' },
        },
        Label: 'Batch-Run_1',
        ToleratedFailurePercentage: 12.5,
        ToleratedFailureCount: 3,
        MaxConcurrency: 1000,
      }),
    }),
  ],
  [
    'Distributed Map with a listing and WriterConfig only',
    sm({
      M: dmap({
        ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'b' } },
        ResultWriter: { WriterConfig: { Transformation: 'COMPACT' } },
        ToleratedFailureCountPath: '$.c',
        MaxConcurrencyPath: '$mc',
      }),
    }),
  ],
  [
    'JSONata machine',
    jsonata({
      T: task({
        Arguments: { x: '{% $states.input.x %}' },
        Output: '{% $states.result %}',
        Assign: { y: '{% 1 %}' },
        TimeoutSeconds: '{% $t %}',
        End: undefined,
        Next: 'C',
      }),
      C: { Type: 'Choice', Choices: [{ Condition: '{% $y = 1 %}', Next: 'M', Output: { a: 1 } }], Default: 'W' },
      W: wait({ Seconds: '{% 1 %}', End: undefined, Next: 'M' }),
      M: dmap({
        Items: '{% [1, 2] %}',
        MaxConcurrency: '{% 2 %}',
        ToleratedFailurePercentage: '{% 5 %}',
        ItemBatcher: { MaxItemsPerBatch: '{% 2 %}' },
        ItemSelector: { v: '{% $states.context.Map.Item.Value %}' },
      }),
    }),
  ],
  [
    'JSONata state in a JSONPath machine',
    sm({
      A: pass({ QueryLanguage: 'JSONata', Output: { a: '{% 1 %}' }, End: undefined, Next: 'B' }),
      B: pass({ InputPath: '$.a' }),
    }),
  ],
];

describe('validateDefinition accepts valid definitions', () => {
  for (const [what, definition] of VALID) test(what, () => void assertValid(definition, what));

  const casesDir = '/work/shared/conformance/cases';
  for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.json'))) {
    test(`conformance case ${file}`, () => {
      const { definition } = JSON.parse(readFileSync(join(casesDir, file), 'utf8')) as { definition: Obj };
      // The TestState case holds a single state (its Catch targets live outside it), as the TestState API takes it.
      const result = 'States' in definition ? validateDefinition(definition) : validateStateDefinition(definition);
      assert.ok(result.ok, `${file}: ${result.ok ? '' : formatInvalidDefinition(result.faults)}`);
    });
  }

  test('legacy Iterator and Parameters are normalised at every depth, on a copy', () => {
    const inner = { Type: 'Map', Iterator: processor('Leaf'), Parameters: { 'v.$': '$$.Map.Item.Value' }, End: true };
    const outer = {
      Type: 'Map',
      MaxConcurrency: 1,
      Iterator: processor('Inner', DISTRIBUTED, { Inner: inner }),
      Parameters: { k: 1 },
      End: true,
    };
    const definition = sm({ Outer: outer });
    const before = JSON.stringify(definition);
    const result = assertValid(definition);
    assert.equal(JSON.stringify(definition), before);
    const m = result.States.Outer as MapState;
    assert.deepEqual(Object.keys(m), ['Type', 'MaxConcurrency', 'ItemProcessor', 'ItemSelector', 'End']);
    assert.deepEqual(m.ItemSelector, { k: 1 });
    const innerOut = m.ItemProcessor.States.Inner as MapState;
    assert.deepEqual(innerOut.ItemSelector, { 'v.$': '$$.Map.Item.Value' });
    assert.ok(!('Iterator' in innerOut) && !('Parameters' in innerOut));
    assert.equal(innerOut.ItemProcessor.StartAt, 'Leaf');
  });

  test('a valid definition is otherwise returned unchanged', () => {
    const definition = VALID[2]?.[1];
    assert.deepEqual(assertValid(definition), definition);
  });
});

describe('fault reporting', () => {
  const threeFaults = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope', Bogus: 1 }, B: { Type: 'Succeed' } } };

  test('every fault is reported, each with its path', () => {
    const result = validateDefinition(threeFaults);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.faults.map((f) => [f.code, f.path]).sort(),
      [
        ['MISSING_TRANSITION_TARGET', '/States/A/Next'],
        [SCHEMA, '/States/A/Bogus'],
        ['UNREACHABLE_STATE', '/States/B'],
      ].sort(),
    );
  });

  test('formatInvalidDefinition joins faults the AWS way', () => {
    const text = formatInvalidDefinition([
      { path: '/States/A/Foo', code: SCHEMA, message: 'The field "Foo" is not supported by Step Functions' },
      { path: '/States/A/Next', code: MISSING, message: "Missing 'Next' target: B" },
    ]);
    assert.equal(
      text,
      `Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field "Foo" is not supported by Step Functions at /States/A/Foo', 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next'`,
    );
  });

  test('state names with "/" and "~" are escaped in paths', () => {
    const result = validateDefinition({ StartAt: 'a/b', States: { 'a/b': pass(), 'c~d': pass() } });
    assert.ok(!result.ok && result.faults.some((f) => f.path === '/States/c~0d' && f.code === 'UNREACHABLE_STATE'));
  });
});
