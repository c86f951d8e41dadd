import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MapState } from '../../asl/types';
import type { DefinitionFault } from '../../asl/validate';
import { formatInvalidDefinition, validateDefinition, validateStateDefinition } from '../../asl/validate';

type Obj = Record<string, unknown>;
const LAMBDA = 'arn:aws:lambda:us-east-1:111111111111:function:identity';

const sm = (states: Obj, extra: Obj = {}): Obj => ({ StartAt: Object.keys(states)[0], States: states, ...extra });
const pass = (extra: Obj = {}): Obj => ({ Type: 'Pass', End: true, ...extra });
const task = (extra: Obj = {}): Obj => ({ Type: 'Task', Resource: LAMBDA, End: true, ...extra });
const wait = (extra: Obj): Obj => ({ Type: 'Wait', End: true, ...extra });
/** A Choice state "C" that falls back to "Done"; `rules` are its Choices. */
const choice = (rules: unknown[], extra: Obj = {}): Obj =>
  sm({ C: { Type: 'Choice', Choices: rules, Default: 'Done', ...extra }, Done: pass() });
const rule = (extra: Obj): Obj => ({ Variable: '$.x', Next: 'Done', ...extra });
const retry = (...retriers: Obj[]): Obj => sm({ T: task({ Retry: retriers }) });
const retrier = (extra: Obj): Obj => ({ ErrorEquals: ['Boom'], ...extra });
const processor = (inner: string, config?: Obj, states?: Obj): Obj => ({
  ...(config && { ProcessorConfig: config }),
  StartAt: inner,
  States: states ?? { [inner]: pass() },
});
const DISTRIBUTED = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' };
const dmap = (extra: Obj = {}, inner = 'Item'): Obj => ({
  Type: 'Map',
  ItemProcessor: processor(inner, DISTRIBUTED),
  End: true,
  ...extra,
});
const inlineMap = (extra: Obj = {}): Obj => ({ Type: 'Map', ItemProcessor: processor('Item'), End: true, ...extra });
const jsonata = (states: Obj): Obj => sm(states, { QueryLanguage: 'JSONata' });
const reader = (config: Obj): Obj => ({ Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: config });

/** [what is wrong, definition, expected fault path, text the message must contain, expected code]. */
type Case = [string, unknown, string, string, string?];
const SCHEMA = 'SCHEMA_VALIDATION_FAILED';
const MISSING = 'MISSING_TRANSITION_TARGET';

// One row per case reads as a table; prettier would spread each row over five lines.
// prettier-ignore
const INVALID: Case[] = [
  ['definition is not an object', [], '', 'JSON object', SCHEMA],
  ['StartAt missing', { States: { A: pass() } }, '/StartAt', 'StartAt', SCHEMA],
  ['States is an array', { StartAt: 'A', States: [] }, '/States', 'States', SCHEMA],
  ['unknown top-level field', sm({ A: pass() }, { Foo: 1 }), '/Foo', '"Foo" is not supported', SCHEMA],
  ['unknown state field', sm({ A: pass({ Foo: 1 }) }), '/States/A/Foo', '"Foo" is not supported', SCHEMA],
  ['top-level TimeoutSeconds zero', sm({ A: pass() }, { TimeoutSeconds: 0 }), '/TimeoutSeconds', 'TimeoutSeconds'],
  ['top-level TimeoutSeconds fractional', sm({ A: pass() }, { TimeoutSeconds: 1.5 }), '/TimeoutSeconds', 'integer'],
  ['invalid QueryLanguage', sm({ A: pass() }, { QueryLanguage: 'XPath' }), '/QueryLanguage', 'QueryLanguage'],
  ['state without Type', sm({ A: { End: true } }), '/States/A/Type', '"Type" is required', SCHEMA],
  ['unknown state Type', sm({ A: { Type: 'Sleep', End: true } }), '/States/A/Type', 'Sleep', SCHEMA],
  ['StartAt names a missing state', { StartAt: 'B', States: { A: pass() } }, '/StartAt', "'StartAt' target: B", MISSING],
  ['Next names a missing state', sm({ A: pass({ End: undefined, Next: 'B' }) }), '/States/A/Next', "'Next' target: B", MISSING],
  ['Default names a missing state',
    sm({ C: { Type: 'Choice', Choices: [rule({ IsNull: true, Next: 'D' })], Default: 'Nope' }, D: pass() }),
    '/States/C/Default', "'Default' target: Nope", MISSING],
  ['Choice rule Next names a missing state', choice([rule({ IsNull: true, Next: 'Gone' })]), '/States/C/Choices/0/Next', 'Gone', MISSING],
  ['Catch Next names a missing state', sm({ T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Nowhere' }] }) }),
    '/States/T/Catch/0/Next', 'Nowhere', MISSING],
  ['branch jumps outside its scope',
    sm({ P: { Type: 'Parallel', Branches: [sm({ B1: pass({ End: undefined, Next: 'After' }) })], Next: 'After' }, After: pass() }),
    '/States/P/Branches/0/States/B1/Next', "'Next' target: After", MISSING],
  ['item processor jumps outside its scope',
    sm({ M: inlineMap({ ItemProcessor: processor('I', undefined, { I: pass({ End: undefined, Next: 'Out' }) }), End: undefined, Next: 'Out' }), Out: pass() }),
    '/States/M/ItemProcessor/States/I/Next', 'Out', MISSING],
  ['unreachable state', sm({ A: pass(), Orphan: pass() }), '/States/Orphan', 'Orphan', 'UNREACHABLE_STATE'],
  ['no terminal state', sm({ A: pass({ End: undefined, Next: 'B' }), B: pass({ End: undefined, Next: 'A' }) }), '/States', 'terminal', 'MISSING_END_STATE'],
  ['both Next and End', sm({ A: pass({ Next: 'B' }), B: pass() }), '/States/A/End', 'both "Next" and "End"', SCHEMA],
  ['neither Next nor End', sm({ A: { Type: 'Pass' } }), '/States/A', '"Next" or "End"', SCHEMA],
  ['Choice with Next', choice([rule({ IsNull: true })], { Next: 'Done' }), '/States/C/Next', 'Choice states cannot have "Next"', SCHEMA],
  ['Choice with End', choice([rule({ IsNull: true })], { End: true }), '/States/C/End', 'Choice states cannot have "End"', SCHEMA],
  ['Succeed with Next', sm({ S: { Type: 'Succeed', Next: 'S' } }), '/States/S/Next', 'Succeed', SCHEMA],
  ['state name longer than 80', sm({ ['S'.repeat(81)]: pass() }), `/States/${'S'.repeat(81)}`, '80 characters', 'INVALID_STATE_NAME'],
  ['state name reused in a branch', sm({ P: { Type: 'Parallel', Branches: [sm({ P: pass() })], End: true } }),
    '/States/P/Branches/0/States/P', 'Duplicate State name: P', 'DUPLICATE_STATE_NAME'],
  ['States.ALL not alone', retry(retrier({ ErrorEquals: ['Boom', 'States.ALL'] })), '/States/T/Retry/0/ErrorEquals/1', 'States.ALL must appear alone'],
  ['States.ALL not in the last retrier', retry(retrier({ ErrorEquals: ['States.ALL'] }), retrier({})), '/States/T/Retry/0/ErrorEquals', 'last retrier'],
  ['States.ALL not in the last catcher',
    sm({ T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'H' }, { ErrorEquals: ['X'], Next: 'H' }] }), H: pass() }),
    '/States/T/Catch/0/ErrorEquals', 'last catcher'],
  ['empty ErrorEquals', retry(retrier({ ErrorEquals: [] })), '/States/T/Retry/0/ErrorEquals', 'must not be empty'],
  ['unknown States.* error', retry(retrier({ ErrorEquals: ['States.Boom'] })), '/States/T/Retry/0/ErrorEquals/0', 'States.Boom'],
  ['IntervalSeconds zero', retry(retrier({ IntervalSeconds: 0 })), '/States/T/Retry/0/IntervalSeconds', 'IntervalSeconds'],
  ['IntervalSeconds fractional', retry(retrier({ IntervalSeconds: 1.5 })), '/States/T/Retry/0/IntervalSeconds', 'integer'],
  ['MaxAttempts negative', retry(retrier({ MaxAttempts: -1 })), '/States/T/Retry/0/MaxAttempts', 'MaxAttempts'],
  ['BackoffRate below 1', retry(retrier({ BackoffRate: 0.5 })), '/States/T/Retry/0/BackoffRate', 'BackoffRate'],
  ['MaxDelaySeconds zero', retry(retrier({ MaxDelaySeconds: 0 })), '/States/T/Retry/0/MaxDelaySeconds', 'MaxDelaySeconds'],
  ['JitterStrategy unknown', retry(retrier({ JitterStrategy: 'SOME' })), '/States/T/Retry/0/JitterStrategy', 'JitterStrategy'],
  ['catcher without Next', sm({ T: task({ Catch: [{ ErrorEquals: ['X'] }] }) }), '/States/T/Catch/0/Next', 'Next'],
  ['Task without Resource', sm({ T: { Type: 'Task', End: true } }), '/States/T/Resource', 'Resource', SCHEMA],
  ['Task Resource not an ARN', sm({ T: task({ Resource: 'my-function' }) }), '/States/T/Resource', 'Resource', 'INVALID_RESOURCE'],
  ['TimeoutSeconds and TimeoutSecondsPath', sm({ T: task({ TimeoutSeconds: 5, TimeoutSecondsPath: '$.t' }) }),
    '/States/T/TimeoutSecondsPath', 'mutually exclusive'],
  ['HeartbeatSeconds and HeartbeatSecondsPath', sm({ T: task({ HeartbeatSeconds: 5, HeartbeatSecondsPath: '$.h' }) }),
    '/States/T/HeartbeatSecondsPath', 'mutually exclusive'],
  ['HeartbeatSeconds not below TimeoutSeconds', sm({ T: task({ TimeoutSeconds: 10, HeartbeatSeconds: 10 }) }),
    '/States/T/HeartbeatSeconds', 'smaller than "TimeoutSeconds"'],
  ['Wait without a duration', sm({ W: wait({}) }), '/States/W', 'exactly one of "Seconds"'],
  ['Wait with two durations', sm({ W: wait({ Seconds: 1, SecondsPath: '$.s' }) }), '/States/W/SecondsPath', 'only one of'],
  ['Wait Timestamp not ISO 8601', sm({ W: wait({ Timestamp: '2024-01-01 10:00:00' }) }), '/States/W/Timestamp', 'ISO 8601'],
  ['Wait Seconds negative', sm({ W: wait({ Seconds: -1 }) }), '/States/W/Seconds', 'Seconds'],
  ['Fail with Error and ErrorPath', sm({ F: { Type: 'Fail', Error: 'E', ErrorPath: '$.e' } }), '/States/F/ErrorPath', 'mutually exclusive'],
  ['Choices empty', choice([]), '/States/C/Choices', 'must not be empty'],
  ['top-level rule without Next', choice([rule({ IsNull: true, Next: undefined })]), '/States/C/Choices/0/Next', 'must have "Next"'],
  ['nested rule with Next', choice([{ And: [rule({ IsNull: true })], Next: 'Done' }]), '/States/C/Choices/0/And/0/Next', 'Nested choice rules'],
  ['rule with two operators', choice([rule({ IsNull: true, NumericEquals: 1 })]), '/States/C/Choices/0/NumericEquals', 'only one operator'],
  ['rule with no operator', choice([rule({})]), '/States/C/Choices/0', 'one comparison operator'],
  ['comparison without Variable', choice([{ StringEquals: 'a', Next: 'Done' }]), '/States/C/Choices/0/Variable', '"Variable" is required'],
  ['numeric operator given a string', choice([rule({ NumericEquals: '3' })]), '/States/C/Choices/0/NumericEquals', 'number'],
  ['boolean operator given a string', choice([rule({ BooleanEquals: 'true' })]), '/States/C/Choices/0/BooleanEquals', 'boolean'],
  ['timestamp operator given a date', choice([rule({ TimestampEquals: '2024-01-01' })]), '/States/C/Choices/0/TimestampEquals', 'ISO 8601'],
  ['...Path operator given a literal', choice([rule({ StringEqualsPath: 'abc' })]), '/States/C/Choices/0/StringEqualsPath', '"$"'],
  ['Variable not a path', choice([rule({ Variable: 'x', IsNull: true })]), '/States/C/Choices/0/Variable', '"$"'],
  ['And with an empty array', choice([{ And: [], Next: 'Done' }]), '/States/C/Choices/0/And', 'non-empty'],
  ['InputPath not a path', sm({ A: pass({ InputPath: 'input' }) }), '/States/A/InputPath', 'InputPath'],
  ['ResultPath into the context object', sm({ A: pass({ ResultPath: '$$.x' }) }), '/States/A/ResultPath', 'context object'],
  ['.$ key with a non-string value', sm({ A: pass({ Parameters: { 'x.$': 3 } }) }), '/States/A/Parameters/x.$', 'must be a string'],
  ['.$ key with a literal value', sm({ A: pass({ Parameters: { nested: { 'x.$': 'foo' } } }) }), '/States/A/Parameters/nested/x.$', 'JSONPath'],
  ['.$ key calling an unknown intrinsic', sm({ A: pass({ Parameters: { 'x.$': 'States.Nope(1)' } }) }), '/States/A/Parameters/x.$', 'States.Nope'],
  ['.$ key with a malformed intrinsic call', sm({ A: pass({ Parameters: { 'x.$': "States.Format('a'" } }) }), '/States/A/Parameters/x.$', 'intrinsic'],
  ['Assign with an invalid variable name', sm({ A: pass({ Assign: { 'my-var': 1 } }) }), '/States/A/Assign/my-var', 'my-var'],
  ['Arguments in a JSONPath state', sm({ T: task({ Arguments: {} }) }), '/States/T/Arguments', 'JSONata field'],
  ['Output in a JSONPath state', sm({ A: pass({ Output: 1 }) }), '/States/A/Output', 'JSONata field'],
  ['Condition in a JSONPath rule', choice([rule({ Condition: '{% true %}' })]), '/States/C/Choices/0/Condition', 'JSONata field'],
  ['InputPath in a JSONata state', jsonata({ A: pass({ InputPath: '$' }) }), '/States/A/InputPath', 'JSONPath field'],
  ['Parameters in a JSONata state', jsonata({ T: task({ Parameters: {} }) }), '/States/T/Parameters', 'JSONPath field'],
  ['Variable in a JSONata rule',
    sm({ C: { Type: 'Choice', QueryLanguage: 'JSONata', Choices: [{ Condition: '{% true %}', Variable: '$.x', Next: 'D' }] }, D: pass() }),
    '/States/C/Choices/0/Variable', 'JSONPath field'],
  ['JSONata rule without Condition', jsonata({ C: { Type: 'Choice', Choices: [{ Next: 'D' }] }, D: pass() }), '/States/C/Choices/0/Condition', 'Condition'],
  ['SecondsPath in a JSONata Wait', jsonata({ W: wait({ SecondsPath: '$.s' }) }), '/States/W/SecondsPath', 'JSONPath field'],
  ['JSONata Seconds that is not an expression', jsonata({ W: wait({ Seconds: 'ten' }) }), '/States/W/Seconds', 'JSONata expression'],
  ['JSONata expression in a JSONPath Wait', sm({ W: wait({ Seconds: '{% 1 %}' }) }), '/States/W/Seconds', 'Seconds'],
  ['JSONPath state in a JSONata machine', jsonata({ A: pass({ QueryLanguage: 'JSONPath' }) }), '/States/A/QueryLanguage', 'JSONata'],
  ['Map MaxConcurrency and MaxConcurrencyPath', sm({ M: inlineMap({ MaxConcurrency: 1, MaxConcurrencyPath: '$.c' }) }),
    '/States/M/MaxConcurrencyPath', 'mutually exclusive'],
  ['Map MaxConcurrency negative', sm({ M: inlineMap({ MaxConcurrency: -1 }) }), '/States/M/MaxConcurrency', 'MaxConcurrency'],
  ['Map MaxConcurrency fractional', sm({ M: inlineMap({ MaxConcurrency: 2.5 }) }), '/States/M/MaxConcurrency', 'integer'],
  ['Map ItemsPath not a path', sm({ M: inlineMap({ ItemsPath: 'items' }) }), '/States/M/ItemsPath', 'ItemsPath'],
  ['Map without ItemProcessor', sm({ M: { Type: 'Map', End: true } }), '/States/M/ItemProcessor', 'ItemProcessor'],
  ['ItemReader in INLINE mode', sm({ M: inlineMap({ ItemReader: reader({ InputType: 'JSON' }) }) }), '/States/M/ItemReader', 'DISTRIBUTED'],
  ['DISTRIBUTED without ExecutionType', sm({ M: dmap({ ItemProcessor: processor('I', { Mode: 'DISTRIBUTED' }) }) }),
    '/States/M/ItemProcessor/ProcessorConfig/ExecutionType', 'ExecutionType'],
  ['Label with a space', sm({ M: dmap({ Label: 'my label' }) }), '/States/M/Label', "Label contains invalid character: ' '", 'INVALID_LABEL_NAME'],
];

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
