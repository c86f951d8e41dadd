import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { batchInput, batchItems } from '../../asl/map-run/batching';
import { childName, nameBasedUuid } from '../../asl/map-run/names';
import { resolveMapRunSettings } from '../../asl/map-run/settings';
import { exceedsToleratedFailures } from '../../asl/map-run/threshold';
import type { MapState } from '../../asl/types';

const base: MapState = {
  Type: 'Map',
  ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
  End: true,
};

describe('tolerated failure thresholds (sfn-spec §9, §13 behaviours 4 and 5)', () => {
  test('defaults tolerate nothing', () => assert.equal(exceedsToleratedFailures(1, 10, 0, 0), true));
  test('count 1 tolerates one failure, not two', () => {
    assert.equal(exceedsToleratedFailures(1, 10, 1, 0), false);
    assert.equal(exceedsToleratedFailures(2, 10, 1, 0), true);
  });
  test('10% tolerates 1 of 10 (does not exceed), 9% does not', () => {
    assert.equal(exceedsToleratedFailures(1, 10, 0, 10), false);
    assert.equal(exceedsToleratedFailures(1, 10, 0, 9), true);
  });
  test('100% never fails, even when every item fails', () =>
    assert.equal(exceedsToleratedFailures(10, 10, 0, 100), false));
  test('with both set either one trips', () => {
    assert.equal(exceedsToleratedFailures(3, 100, 2, 50), true);
    assert.equal(exceedsToleratedFailures(2, 3, 5, 50), true);
    assert.equal(exceedsToleratedFailures(2, 100, 5, 50), false);
  });
});

describe('Map Run settings from literals and paths', () => {
  test('ToleratedFailureCountPath to -1 and to a non-number fail with the recorded messages', () => {
    assert.throws(() => resolveMapRunSettings({ ...base, ToleratedFailureCountPath: '$.c' }, { c: -1 }), {
      error: 'States.Runtime',
      cause: 'ToleratedFailureCount cannot be negative.',
    });
    assert.throws(() => resolveMapRunSettings({ ...base, ToleratedFailureCountPath: '$.c' }, { c: 'NoNumber' }), {
      cause: 'The ToleratedFailureCountPath field refers to value "NoNumber" which is not a valid integer: $.c',
    });
  });
  test('percentage paths: not a float, over 100, fractional accepted', () => {
    assert.throws(() => resolveMapRunSettings({ ...base, ToleratedFailurePercentagePath: '$.p' }, { p: 'NoNumber' }), {
      cause: 'The ToleratedFailurePercentagePath field refers to value "NoNumber" which is not a valid float: $.p',
    });
    assert.throws(() => resolveMapRunSettings({ ...base, ToleratedFailurePercentagePath: '$.p' }, { p: 100.1 }), {
      cause: 'ToleratedFailurePercentage must be between 0 and 100.',
    });
    assert.equal(
      resolveMapRunSettings({ ...base, ToleratedFailurePercentagePath: '$.p' }, { p: 1.1 }).toleratedFailurePercentage,
      1.1,
    );
  });
  test('numeric strings from paths are accepted; MaxItemsPath 1.5 is not an integer', () => {
    const reader = (path: string): MapState['ItemReader'] => ({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'CSV', MaxItemsPath: path },
    });
    assert.equal(resolveMapRunSettings({ ...base, ItemReader: reader('$.m') }, { m: '2' }).maxItems, 2);
    assert.equal(resolveMapRunSettings({ ...base, ItemReader: reader('$.m') }, { m: -1 }).maxItems, -1);
    assert.throws(() => resolveMapRunSettings({ ...base, ItemReader: reader('$.MaxItems') }, { MaxItems: 1.5 }), {
      cause: 'The MaxItemsPath field refers to value "1.5" which is not a valid integer: $.MaxItems',
    });
  });
});

describe('ItemBatcher', () => {
  test('1130 items by 100 make 12 batches: 11 of 100 and 1 of 30', () => {
    const items = Array.from({ length: 1130 }, (_, i) => i);
    const batches = batchItems(items, { maxItemsPerBatch: 100 });
    assert.equal(batches.length, 12);
    assert.deepEqual(
      batches.map((b) => b.items.length),
      [...Array(11).fill(100), 30],
    );
    assert.deepEqual(batches.map((b) => b.first).slice(0, 3), [0, 100, 200]);
  });
  test('a byte limit closes a batch before it would be exceeded', () => {
    const items = ['aaaa', 'bbbb', 'cccc'];
    const batches = batchItems(items, { maxInputBytesPerBatch: 25 });
    assert.deepEqual(
      batches.map((b) => b.items),
      [['aaaa', 'bbbb'], ['cccc']],
    );
  });
  test('each batch knows the byte size of its child input', () => {
    const items = ['é', { a: [1, 2] }, 'x'.repeat(50), null];
    for (const batchInputValue of [undefined, { job: 'j1' }]) {
      const limits = { maxInputBytesPerBatch: 40, ...(batchInputValue ? { batchInput: batchInputValue } : {}) };
      for (const batch of batchItems(items, limits)) {
        const input = JSON.stringify(batchInput(batch.items, batchInputValue));
        assert.equal(batch.bytes, Buffer.byteLength(input), input);
      }
    }
  });
});

test('child names are name-based UUIDs, stable per Map Run and index', () => {
  assert.match(childName('run-1', 0), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(childName('run-1', 7), childName('run-1', 7));
  assert.notEqual(childName('run-1', 7), childName('run-1', 8));
  assert.notEqual(nameBasedUuid('a'), nameBasedUuid('b'));
});
