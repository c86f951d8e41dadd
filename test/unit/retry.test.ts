import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMatches, findCatcher, findRetrier, maxAttempts, retryDelayMs } from '../../asl/retry';
import type { Catcher, Retrier } from '../../asl/types';

const noRandom = (): number => {
  throw new Error('random() must not be called without jitter');
};

void describe('errorMatches', () => {
  void test('exact names match, others do not', () => {
    assert.equal(errorMatches(['MyError', 'Other'], 'MyError'), true);
    assert.equal(errorMatches(['MyError'], 'myerror'), false);
    assert.equal(errorMatches(['States.Timeout'], 'States.Timeout'), true);
    assert.equal(errorMatches(['States.Timeout'], 'States.TaskFailed'), false);
  });
  void test('States.ALL matches any error but States.Runtime and States.DataLimitExceeded', () => {
    assert.equal(errorMatches(['States.ALL'], 'Lambda.ServiceException'), true);
    assert.equal(errorMatches(['States.ALL'], 'States.Timeout'), true);
    assert.equal(errorMatches(['States.ALL'], 'States.BranchFailed'), true);
    assert.equal(errorMatches(['States.ALL'], 'States.Runtime'), false);
    assert.equal(errorMatches(['States.ALL'], 'States.DataLimitExceeded'), false);
  });
  void test('States.TaskFailed matches any error but States.Timeout (and the two terminal ones)', () => {
    assert.equal(errorMatches(['States.TaskFailed'], 'CustomError'), true);
    assert.equal(errorMatches(['States.TaskFailed'], 'States.Permissions'), true);
    assert.equal(errorMatches(['States.TaskFailed'], 'States.TaskFailed'), true);
    assert.equal(errorMatches(['States.TaskFailed'], 'States.Timeout'), false);
    assert.equal(errorMatches(['States.TaskFailed'], 'States.Runtime'), false);
    assert.equal(errorMatches(['States.TaskFailed'], 'States.DataLimitExceeded'), false);
  });
  void test('the terminal errors still match when named explicitly', () => {
    assert.equal(errorMatches(['States.DataLimitExceeded'], 'States.DataLimitExceeded'), true);
    assert.equal(errorMatches(['States.Runtime'], 'States.Runtime'), true);
  });
});

void describe('findRetrier', () => {
  const retriers: Retrier[] = [
    { ErrorEquals: ['A', 'B'], MaxAttempts: 1 },
    { ErrorEquals: ['States.Timeout'] },
    { ErrorEquals: ['States.ALL'], MaxAttempts: 5 },
  ];
  void test('returns the first matching retrier and its index', () => {
    assert.deepEqual(findRetrier(retriers, 'B'), { index: 0, retrier: retriers[0] });
    assert.deepEqual(findRetrier(retriers, 'States.Timeout'), { index: 1, retrier: retriers[1] });
    assert.deepEqual(findRetrier(retriers, 'C'), { index: 2, retrier: retriers[2] });
  });
  void test('undefined when nothing matches or no retriers', () => {
    assert.equal(findRetrier(retriers, 'States.Runtime'), undefined);
    assert.equal(findRetrier(undefined, 'A'), undefined);
    assert.equal(findRetrier([], 'A'), undefined);
  });
});

void describe('maxAttempts', () => {
  void test('defaults to 3; 0 is kept', () => {
    assert.equal(maxAttempts({ ErrorEquals: ['A'] }), 3);
    assert.equal(maxAttempts({ ErrorEquals: ['A'], MaxAttempts: 0 }), 0);
    assert.equal(maxAttempts({ ErrorEquals: ['A'], MaxAttempts: 10 }), 10);
  });
});

void describe('retryDelayMs', () => {
  void test('defaults: IntervalSeconds 1, BackoffRate 2.0', () => {
    const r: Retrier = { ErrorEquals: ['A'] };
    assert.equal(retryDelayMs(r, 0, noRandom), 1000);
    assert.equal(retryDelayMs(r, 1, noRandom), 2000);
    assert.equal(retryDelayMs(r, 3, noRandom), 8000);
  });
  void test('IntervalSeconds and BackoffRate', () => {
    const r: Retrier = { ErrorEquals: ['A'], IntervalSeconds: 3, BackoffRate: 1.5 };
    assert.equal(retryDelayMs(r, 0, noRandom), 3000);
    assert.equal(retryDelayMs(r, 2, noRandom), 6750);
    assert.equal(retryDelayMs({ ErrorEquals: ['A'], IntervalSeconds: 2, BackoffRate: 1 }, 4, noRandom), 2000);
  });
  void test('MaxDelaySeconds caps the delay', () => {
    const r: Retrier = { ErrorEquals: ['A'], IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 5 };
    assert.equal(retryDelayMs(r, 2, noRandom), 4000);
    assert.equal(retryDelayMs(r, 3, noRandom), 5000);
    assert.equal(retryDelayMs(r, 30, noRandom), 5000);
  });
  void test('JitterStrategy FULL draws between 0 and the (capped) delay', () => {
    const r: Retrier = { ErrorEquals: ['A'], IntervalSeconds: 2, MaxDelaySeconds: 10, JitterStrategy: 'FULL' };
    assert.equal(
      retryDelayMs(r, 1, () => 0.5),
      2000,
    );
    assert.equal(
      retryDelayMs(r, 0, () => 0),
      0,
    );
    assert.equal(
      retryDelayMs(r, 10, () => 0.25),
      2500,
    );
  });
  void test('JitterStrategy NONE is deterministic', () => {
    assert.equal(retryDelayMs({ ErrorEquals: ['A'], JitterStrategy: 'NONE' }, 1, noRandom), 2000);
  });
});

void describe('findCatcher', () => {
  const catchers: Catcher[] = [
    { ErrorEquals: ['Custom'], Next: 'HandleCustom' },
    { ErrorEquals: ['States.TaskFailed'], Next: 'HandleTask' },
    { ErrorEquals: ['States.ALL'], Next: 'HandleAll' },
  ];
  void test('returns the first matching catcher', () => {
    assert.equal(findCatcher(catchers, 'Custom')?.Next, 'HandleCustom');
    assert.equal(findCatcher(catchers, 'Other')?.Next, 'HandleTask');
    assert.equal(findCatcher(catchers, 'States.Timeout')?.Next, 'HandleAll');
  });
  void test('undefined for uncatchable errors or no catchers', () => {
    assert.equal(findCatcher(catchers, 'States.Runtime'), undefined);
    assert.equal(findCatcher(catchers, 'States.DataLimitExceeded'), undefined);
    assert.equal(findCatcher(undefined, 'Custom'), undefined);
  });
});
