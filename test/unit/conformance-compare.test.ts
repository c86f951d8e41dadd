import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applicability, MISSING_FEATURES } from '../conformance/applicability';
import { compareCase } from '../conformance/compare';
import { compareConcurrentEvents, type EventLike } from '../conformance/compare-events';
import { compareJson } from '../conformance/compare-json';
import type { ConformanceCase } from '../conformance/load-cases';
import { matchString, type Bindings } from '../conformance/placeholders';

const fresh = (): Bindings => new Map();

void describe('placeholders', () => {
  void test('a <token> matches any text and binds it', () => {
    const bindings = fresh();
    assert.equal(
      matchString(
        'arn:<partition>:states:<region>:1:execution:<ArnPart_0idx>:x',
        'arn:aws:states:us-east-1:1:execution:sm:x',
        bindings,
      ),
      true,
    );
    assert.equal(bindings.get('<ArnPart_0idx>'), 'sm');
    assert.equal(bindings.get('<region>'), 'us-east-1');
  });
  void test('the same placeholder must stand for the same text within a case', () => {
    const bindings = fresh();
    assert.equal(compareJson({ a: '<uuid:1>', b: '<uuid:1>' }, { a: 'u-1', b: 'u-1' }, bindings), undefined);
    assert.match(compareJson({ a: '<uuid:1>', b: '<uuid:1>' }, { a: 'u-1', b: 'u-2' }, fresh()) ?? '', /\$\.b/);
    // bindings carry across comparisons of the same case
    assert.notEqual(compareJson('<uuid:1>', 'u-3', bindings), undefined);
    assert.equal(compareJson('<uuid:2>', 'u-3', bindings), undefined);
  });
  void test('a token repeated inside one string needs the same text twice', () => {
    assert.equal(matchString('<x>/<x>', 'a/a', fresh()), true);
    assert.equal(matchString('<x>/<x>', 'a/b', fresh()), false);
  });
  void test('whole-value words: time words match any time, snf_role_arn binds', () => {
    const bindings = fresh();
    assert.equal(
      compareJson({ t: 'date', r: 'snf_role_arn' }, { t: '2024-01-01T00:00:00Z', r: 'arn:role' }, bindings),
      undefined,
    );
    assert.notEqual(compareJson('snf_role_arn', 'arn:other', bindings), undefined);
    assert.equal(compareJson('date', 1700000000000, fresh()), undefined);
    assert.notEqual(compareJson('plain', 'other', fresh()), undefined);
  });
  void test('a failed match binds nothing', () => {
    const bindings = fresh();
    assert.equal(matchString('<a>-fixed', 'x-other', bindings), false);
    assert.equal(bindings.size, 0);
  });
});

void describe('compareJson', () => {
  void test('object key order is ignored', () => {
    assert.equal(compareJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 }, fresh()), undefined);
  });
  void test('missing, extra and different values are reported with their path', () => {
    assert.match(compareJson({ a: 1, b: 2 }, { a: 1 }, fresh()) ?? '', /missing key\(s\) b/);
    assert.match(compareJson({ a: 1 }, { a: 1, z: 0 }, fresh()) ?? '', /unexpected key\(s\) z/);
    assert.match(compareJson({ a: [1, 2] }, { a: [1, 3] }, fresh()) ?? '', /^\$\.a\[1\]: expected 2, got 3/);
    assert.notEqual(compareJson(null, {}, fresh()), undefined);
    assert.notEqual(compareJson(1, '1', fresh()), undefined);
  });
  void test('a JSON object string on the engine side is compared decoded; other strings stay strings', () => {
    assert.equal(compareJson({ Cause: { x: 1, y: 'z' } }, { Cause: '{"y":"z","x":1}' }, fresh()), undefined);
    // the recording leaves array and scalar JSON strings undecoded
    assert.equal(compareJson('[1,2]', '[1,2]', fresh()), undefined);
    assert.notEqual(compareJson([1, 2], '[1,2]', fresh()), undefined);
  });
  void test("a Python Lambda error payload matches the engine's cause by errorMessage", () => {
    const recorded = {
      errorMessage: 'Some exception was raised.',
      errorType: 'Exception',
      requestId: '<uuid:1>',
      stackTrace: [],
    };
    assert.equal(compareJson({ Cause: recorded }, { Cause: 'Some exception was raised.' }, fresh()), undefined);
    assert.notEqual(compareJson({ Cause: recorded }, { Cause: 'Other.' }, fresh()), undefined);
  });
});

function makeCase(
  expected: Partial<ConformanceCase['expected']>,
  extra: Partial<ConformanceCase> = {},
): ConformanceCase {
  return {
    name: 'hand-made',
    file: 'hand-made.json',
    tags: [],
    definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
    input: {},
    s3Objects: [],
    notes: '',
    ...extra,
    expected: { status: 'SUCCEEDED', output: {}, error: null, cause: null, eventTypes: [], other: {}, ...expected },
  };
}

void describe('compareCase', () => {
  void test('null error/cause = AWS omitted the key, so the engine must omit it', () => {
    const c = makeCase({ status: 'TIMED_OUT', output: null });
    assert.deepEqual(compareCase(c, { describe: { status: 'TIMED_OUT' }, events: [] }), []);
    const differences = compareCase(c, { describe: { status: 'TIMED_OUT', error: 'States.Timeout' }, events: [] });
    assert.equal(differences.length, 1);
    assert.match(differences[0] ?? '', /^error: expected no error/);
  });
  void test('a recorded Lambda cause string compares by its errorMessage', () => {
    const cause = JSON.stringify({ errorMessage: 'Boom.', errorType: 'Exception', requestId: 'r', stackTrace: ['x'] });
    const c = makeCase({ status: 'FAILED', output: null, error: 'Exception', cause });
    const describe = { status: 'FAILED', error: 'Exception', cause: 'Boom.' };
    assert.deepEqual(compareCase(c, { describe, events: [] }), []);
  });
  void test('output is decoded from the describe string and compared with placeholders', () => {
    const c = makeCase({
      output: { Id: 'arn:<partition>:states:<region>:1:execution:<ArnPart_0idx>:<ExecArnPart_0idx>' },
    });
    const describe = { status: 'SUCCEEDED', output: '{"Id":"arn:aws:states:us-east-1:1:execution:m:e"}' };
    assert.deepEqual(compareCase(c, { describe, events: [] }), []);
  });
  void test('recorded describe_execution redrive fields are compared, absent reason must stay absent', () => {
    const c = makeCase({
      status: 'FAILED',
      output: null,
      other: { describe_execution: { status: 'FAILED', redriveCount: 0, redriveStatus: 'REDRIVABLE' } },
    });
    const good = { status: 'FAILED', redriveCount: 0, redriveStatus: 'REDRIVABLE' };
    assert.deepEqual(compareCase(c, { describe: good, events: [] }), []);
    const withReason = { ...good, redriveStatusReason: 'why' };
    assert.match(compareCase(c, { describe: withReason, events: [] })[0] ?? '', /redriveStatusReason/);
  });
});

/** A history from compact specs: [type, previousEventId, details?]. */
function history(specs: [string, number, Record<string, unknown>?][]): EventLike[] {
  return specs.map(([type, previousEventId, details], i) => ({
    id: i + 1,
    previousEventId,
    type,
    ...(details ? { [`${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`]: details } : {}),
  }));
}

const it = (index: number) => ({ name: 'M', index });

void describe('concurrent Map iterations', () => {
  // Two iterations, AWS order: both started, then each one's events interleaved.
  const recorded = history([
    ['ExecutionStarted', 0],
    ['MapStateEntered', 1, { name: 'M' }],
    ['MapStateStarted', 2, { length: 2 }],
    ['MapIterationStarted', 3, it(0)], // 4
    ['MapIterationStarted', 3, it(1)], // 5
    ['PassStateEntered', 4], // 6
    ['PassStateEntered', 5], // 7
    ['PassStateExited', 7], // 8
    ['PassStateExited', 6], // 9
    ['MapIterationSucceeded', 8, it(1)],
    ['MapIterationSucceeded', 9, it(0)],
    ['MapStateSucceeded', 11],
    ['MapStateExited', 12],
    ['ExecutionSucceeded', 13],
  ]);

  void test('another interleaving of the same iterations matches', () => {
    const engine = history([
      ['ExecutionStarted', 0],
      ['MapStateEntered', 1, { name: 'M' }],
      ['MapStateStarted', 2, { length: 2 }],
      ['MapIterationStarted', 3, it(0)], // 4
      ['PassStateEntered', 4], // 5
      ['PassStateExited', 5], // 6
      ['MapIterationSucceeded', 6, it(0)], // 7
      ['MapIterationStarted', 3, it(1)], // 8
      ['PassStateEntered', 8], // 9
      ['PassStateExited', 9], // 10
      ['MapIterationSucceeded', 10, it(1)],
      ['MapStateSucceeded', 11],
      ['MapStateExited', 12],
      ['ExecutionSucceeded', 13],
    ]);
    assert.equal(compareConcurrentEvents(recorded, engine), undefined);
  });

  void test('a missing event inside an iteration is reported', () => {
    const engine = history([
      ['ExecutionStarted', 0],
      ['MapStateEntered', 1, { name: 'M' }],
      ['MapStateStarted', 2, { length: 2 }],
      ['MapIterationStarted', 3, it(0)], // 4
      ['PassStateEntered', 4], // 5
      ['PassStateExited', 5], // 6
      ['MapIterationSucceeded', 6, it(0)], // 7
      ['MapIterationStarted', 3, it(1)], // 8
      ['PassStateEntered', 8], // 9
      ['MapIterationSucceeded', 9, it(1)],
      ['MapStateSucceeded', 10],
      ['MapStateExited', 11],
      ['ExecutionSucceeded', 12],
    ]);
    assert.match(compareConcurrentEvents(recorded, engine) ?? '', /iterations/);
  });

  void test('the events after the Map are still compared in order', () => {
    const engine = history([
      ['ExecutionStarted', 0],
      ['MapStateEntered', 1, { name: 'M' }],
      ['MapStateStarted', 2, { length: 2 }],
      ['MapIterationStarted', 3, it(1)], // 4
      ['MapIterationStarted', 3, it(0)], // 5
      ['PassStateEntered', 4], // 6
      ['PassStateExited', 6], // 7
      ['PassStateEntered', 5], // 8
      ['PassStateExited', 8], // 9
      ['MapIterationSucceeded', 7, it(1)],
      ['MapIterationSucceeded', 9, it(0)],
      ['MapStateExited', 11],
      ['MapStateSucceeded', 12],
      ['ExecutionSucceeded', 13],
    ]);
    assert.match(compareConcurrentEvents(recorded, engine) ?? '', /outside the Map iterations/);
  });

  void test('aborted states count wherever AWS links them', () => {
    const failing = (abortedPrevious: number) =>
      history([
        ['ExecutionStarted', 0],
        ['MapStateEntered', 1, { name: 'M' }],
        ['MapStateStarted', 2, { length: 2 }],
        ['MapIterationStarted', 3, it(0)], // 4
        ['MapIterationStarted', 3, it(1)], // 5
        ['FailStateEntered', 4], // 6
        ['TaskStateEntered', 5], // 7
        ['MapIterationFailed', 6, it(0)], // 8
        ['TaskStateAborted', abortedPrevious], // 9
        ['MapIterationAborted', 6, it(1)],
        ['MapStateFailed', 6],
        ['ExecutionFailed', 11],
      ]);
    // Linked to the failure (AWS) or to the aborted state's own entry: same thing.
    assert.equal(compareConcurrentEvents(failing(6), failing(7)), undefined);
    const withoutAbort = failing(6).filter((event) => event.type !== 'TaskStateAborted');
    assert.match(compareConcurrentEvents(failing(6), withoutAbort) ?? '', /aborted states/);
  });

  void test('compareCase only relaxes the order for Maps that may run iterations concurrently', () => {
    const engine = history([
      ['ExecutionStarted', 0],
      ['MapStateEntered', 1, { name: 'M' }],
      ['MapStateStarted', 2, { length: 2 }],
      ['MapIterationStarted', 3, it(0)],
      ['PassStateEntered', 4],
      ['PassStateExited', 5],
      ['MapIterationSucceeded', 6, it(0)],
      ['MapIterationStarted', 3, it(1)],
      ['PassStateEntered', 8],
      ['PassStateExited', 9],
      ['MapIterationSucceeded', 10, it(1)],
      ['MapStateSucceeded', 11],
      ['MapStateExited', 12],
      ['ExecutionSucceeded', 13],
    ]);
    const map = (maxConcurrency?: number) => ({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ...(maxConcurrency === undefined ? {} : { MaxConcurrency: maxConcurrency }),
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });
    const expected = { output: null, eventTypes: recorded.map((e) => e.type), other: { history: recorded } };
    const describe = { status: 'SUCCEEDED', output: 'null' };
    assert.deepEqual(compareCase(makeCase(expected, { definition: map() }), { describe, events: engine }), []);
    assert.match(
      compareCase(makeCase(expected, { definition: map(1) }), { describe, events: engine })[0] ?? '',
      /eventTypes\[4\]/,
    );
  });
});

void describe('applicability', () => {
  void test('missing features are named from the tags, whatever the list holds today', () => {
    for (const missing of MISSING_FEATURES) {
      for (const tag of missing.tags) {
        const verdict = applicability(makeCase({}, { tags: [tag] }));
        assert.equal(verdict.applicable, false, tag);
        assert.ok(!verdict.applicable && verdict.reason.includes(missing.feature), tag);
      }
    }
    const literal = makeCase({}, { definition: { States: { A: { Type: 'Pass', Result: { x: '$bucket' } } } } });
    assert.deepEqual(applicability(literal), { applicable: true });
    const tested = makeCase({}, { tags: ['teststate-api'] });
    assert.deepEqual(applicability(tested), { applicable: false, reason: 'TestState API' });
  });
  void test('redrive fields alone are applicable; a recorded redrive is not', () => {
    assert.deepEqual(applicability(makeCase({}, { tags: ['redrive', 'describe-execution'] })), { applicable: true });
    const redriven = makeCase({ eventTypes: ['ExecutionStarted', 'ExecutionRedriven'] }, { tags: ['redrive'] });
    assert.deepEqual(applicability(redriven), { applicable: false, reason: 'RedriveExecution' });
  });
  void test('nothing recorded to compare is not applicable', () => {
    const verdict = applicability(makeCase({ status: null, other: { list_map_runs: {} } }));
    assert.equal(verdict.applicable, false);
  });
});
