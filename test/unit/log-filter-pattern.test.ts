/**
 * The filter patterns the local log store answers (activities/logs/filter-pattern.ts), on messages shaped like
 * Step Functions' log records (sfn-spec §14.3).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileFilterPattern, FilterPatternError } from '../../activities/logs/filter-pattern';

const failed = JSON.stringify({
  id: '7',
  type: 'TaskFailed',
  details: { error: 'States.Timeout', cause: 'Task timed out after 5 s' },
  previous_event_id: '6',
  event_timestamp: '1764752082000',
  execution_arn: 'arn:aws:states:us-east-1:000000000000:execution:orders:run-1',
  redrive_count: '2',
  attempts: [1, 2],
});
const succeeded = JSON.stringify({ id: '9', type: 'ExecutionSucceeded', details: {}, redrive_count: '0' });
const plain = 'worker started; nothing failed';

const matching = (pattern: string) =>
  [failed, succeeded, plain]
    .filter(compileFilterPattern(pattern))
    .map((m) => (m === plain ? 'plain' : JSON.parse(m).type));

describe('filter patterns', () => {
  test('empty matches everything', () => {
    assert.deepEqual(matching(''), ['TaskFailed', 'ExecutionSucceeded', 'plain']);
  });

  test('terms must all appear; quoted phrases; -excluded; ?alternatives', () => {
    assert.deepEqual(matching('TaskFailed'), ['TaskFailed']);
    assert.deepEqual(matching('redrive_count type'), ['TaskFailed', 'ExecutionSucceeded']);
    assert.deepEqual(matching('"timed out after"'), ['TaskFailed']);
    assert.deepEqual(matching('"timed after"'), []);
    assert.deepEqual(matching('failed'), ['plain']);
    assert.deepEqual(matching('type -TaskFailed'), ['ExecutionSucceeded']);
    assert.deepEqual(matching('?ExecutionSucceeded ?worker'), ['ExecutionSucceeded', 'plain']);
  });

  test('JSON: = and != on strings, bare or quoted, with * wildcards, nested fields and array indexes', () => {
    assert.deepEqual(matching('{ $.type = "TaskFailed" }'), ['TaskFailed']);
    assert.deepEqual(matching('{ $.details.error = States.Timeout }'), ['TaskFailed']);
    assert.deepEqual(matching('{ $.type != "TaskFailed" }'), ['ExecutionSucceeded']);
    assert.deepEqual(matching('{ $.execution_arn = "*:execution:orders:*" }'), ['TaskFailed']);
    assert.deepEqual(matching('{ $.type = Execution* }'), ['ExecutionSucceeded']);
    assert.deepEqual(matching('{ $.attempts[1] = 2 }'), ['TaskFailed']);
    // A field the record lacks matches neither = nor !=; text that is not JSON matches no JSON pattern.
    assert.deepEqual(matching('{ $.details.error != "X" }'), ['TaskFailed']);
  });

  test('JSON: numbers (also the strings Step Functions writes them as), && || and parentheses', () => {
    assert.deepEqual(matching('{ $.redrive_count > 0 }'), ['TaskFailed']);
    assert.deepEqual(matching('{ $.redrive_count = 0 }'), ['ExecutionSucceeded']);
    assert.deepEqual(matching('{ $.redrive_count >= 0 && $.type = "TaskFailed" }'), ['TaskFailed']);
    assert.deepEqual(matching('{ $.type = "TaskFailed" || $.type = "ExecutionSucceeded" }'), [
      'TaskFailed',
      'ExecutionSucceeded',
    ]);
    assert.deepEqual(matching('{ ($.id = 7 || $.id = 9) && $.redrive_count < 1 }'), ['ExecutionSucceeded']);
  });

  test('a broken JSON pattern is refused with CloudWatch Logs’ error name', () => {
    for (const bad of ['{ $.type = }', '{ type = "x" }', '{ $.type = "x"', '{ $.type > "x" }', '{ $.a = 1 } x']) {
      assert.throws(
        () => compileFilterPattern(bad),
        (error: unknown) => {
          assert.ok(error instanceof FilterPatternError, bad);
          assert.equal(error.name, 'InvalidParameterException');
          return true;
        },
      );
    }
  });
});
