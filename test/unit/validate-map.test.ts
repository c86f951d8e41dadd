/** Map-state faults (sfn-spec §1), Inline and Distributed; the general table is in validate.test.ts. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInvalidDefinition, validateDefinition } from '../../asl/validate';

type Obj = Record<string, unknown>;

const DISTRIBUTED = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' };
const processor = (inner: string, config?: Obj, states?: Obj): Obj => ({
  ...(config && { ProcessorConfig: config }),
  StartAt: inner,
  States: states ?? { [inner]: { Type: 'Pass', End: true } },
});
/** A definition whose only state is the Distributed Map "M", with `extra` fields. */
const dmap = (extra: Obj, machine: Obj = {}): Obj => ({
  StartAt: 'M',
  States: { M: { Type: 'Map', ItemProcessor: processor('Item', DISTRIBUTED), End: true, ...extra } },
  ...machine,
});
const inline = (extra: Obj): Obj => dmap({ ItemProcessor: processor('Item'), ...extra });
const jsonata = (extra: Obj): Obj => dmap(extra, { QueryLanguage: 'JSONata' });
const GET = 'arn:aws:states:::s3:getObject';
const reader = (config: Obj, extra: Obj = {}): Obj =>
  dmap({ ItemReader: { Resource: GET, ReaderConfig: config, ...extra } });
const writer = (value: Obj): Obj => dmap({ ResultWriter: value });
const PUT = 'arn:aws:states:::s3:putObject';
const RC = '/States/M/ItemReader/ReaderConfig';

type Case = [string, Obj, string, string, string?];

// One row per case reads as a table; prettier would spread each row over five lines.
// prettier-ignore
const INVALID: Case[] = [
  ['ToleratedFailureCount with its Path', dmap({ ToleratedFailureCount: 1, ToleratedFailureCountPath: '$.c' }), '/States/M/ToleratedFailureCountPath', 'mutually exclusive'],
  ['ToleratedFailurePercentage with its Path', dmap({ ToleratedFailurePercentage: 1, ToleratedFailurePercentagePath: '$.p' }), '/States/M/ToleratedFailurePercentagePath', 'mutually exclusive'],
  ['ToleratedFailurePercentage above 100', dmap({ ToleratedFailurePercentage: 100.5 }), '/States/M/ToleratedFailurePercentage', 'at most 100'],
  ['ToleratedFailurePercentage negative', dmap({ ToleratedFailurePercentage: -1 }), '/States/M/ToleratedFailurePercentage', 'at least 0'],
  ['ToleratedFailureCount negative', dmap({ ToleratedFailureCount: -1 }), '/States/M/ToleratedFailureCount', 'ToleratedFailureCount'],
  ['ToleratedFailureCount fractional', dmap({ ToleratedFailureCount: 1.5 }), '/States/M/ToleratedFailureCount', 'integer'],
  ['MaxItemsPerBatch with its Path', dmap({ ItemBatcher: { MaxItemsPerBatch: 2, MaxItemsPerBatchPath: '$.n' } }), '/States/M/ItemBatcher/MaxItemsPerBatchPath', 'mutually exclusive'],
  ['MaxInputBytesPerBatch with its Path', dmap({ ItemBatcher: { MaxInputBytesPerBatch: 2, MaxInputBytesPerBatchPath: '$.n' } }), '/States/M/ItemBatcher/MaxInputBytesPerBatchPath', 'mutually exclusive'],
  ['MaxInputBytesPerBatch above 256 KiB', dmap({ ItemBatcher: { MaxInputBytesPerBatch: 262145 } }), '/States/M/ItemBatcher/MaxInputBytesPerBatch', '262144'],
  ['MaxItemsPerBatch zero', dmap({ ItemBatcher: { MaxItemsPerBatch: 0 } }), '/States/M/ItemBatcher/MaxItemsPerBatch', 'MaxItemsPerBatch'],
  ['ItemBatcher without a limit', dmap({ ItemBatcher: { BatchInput: { a: 1 } } }), '/States/M/ItemBatcher', 'MaxItemsPerBatch'],
  ['MaxItems with MaxItemsPath', reader({ InputType: 'JSON', MaxItems: 1, MaxItemsPath: '$.m' }), `${RC}/MaxItemsPath`, 'mutually exclusive'],
  ['MaxItems negative', reader({ InputType: 'JSON', MaxItems: -1 }), `${RC}/MaxItems`, 'MaxItems'],
  ['ItemReader with another Resource', dmap({ ItemReader: { Resource: 'arn:aws:states:::s3:putObject' } }), '/States/M/ItemReader/Resource', 's3:getObject'],
  ['ItemReader without Resource', dmap({ ItemReader: { ReaderConfig: { InputType: 'JSON' } } }), '/States/M/ItemReader/Resource', 'Resource'],
  ['ReaderConfig InputType unknown', reader({ InputType: 'XML' }), `${RC}/InputType`, 'InputType'],
  ['ReaderConfig CSVHeaderLocation unknown', reader({ InputType: 'CSV', CSVHeaderLocation: 'LAST_ROW' }), `${RC}/CSVHeaderLocation`, 'CSVHeaderLocation'],
  ['ReaderConfig CSVDelimiter unknown', reader({ InputType: 'CSV', CSVDelimiter: 'COLON' }), `${RC}/CSVDelimiter`, 'CSVDelimiter'],
  ['ReaderConfig Transformation unknown', reader({ InputType: 'CSV', Transformation: 'UNZIP' }), `${RC}/Transformation`, 'Transformation'],
  ['ReaderConfig unknown field', reader({ InputType: 'CSV', Header: true }), `${RC}/Header`, 'not supported'],
  ['CSVHeaders without GIVEN', reader({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', CSVHeaders: ['a'] }), `${RC}/CSVHeaders`, 'only allowed when CSVHeaderLocation is GIVEN'],
  ['GIVEN without CSVHeaders', reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN' }), `${RC}/CSVHeaders`, 'required when CSVHeaderLocation is GIVEN'],
  ['CSVHeaderLocation for JSON input', reader({ InputType: 'JSON', CSVHeaderLocation: 'FIRST_ROW' }), `${RC}/CSVHeaderLocation`, 'CSV or MANIFEST'],
  ['ResultWriter empty', writer({}), '/States/M/ResultWriter', 'must not be empty'],
  ['ResultWriter with another Resource', writer({ Resource: GET, Parameters: { Bucket: 'b' } }), '/States/M/ResultWriter/Resource', 's3:putObject'],
  ['ResultWriter Resource without Parameters', writer({ Resource: PUT }), '/States/M/ResultWriter/Parameters', 'Parameters'],
  ['ResultWriter Parameters without Resource', writer({ Parameters: { Bucket: 'b' } }), '/States/M/ResultWriter/Resource', 'Resource'],
  ['WriterConfig Transformation unknown', writer({ WriterConfig: { Transformation: 'ZIP' } }), '/States/M/ResultWriter/WriterConfig/Transformation', 'Transformation'],
  ['Label empty', dmap({ Label: '' }), '/States/M/Label', 'Label cannot be empty', 'INVALID_LABEL_NAME'],
  ['Label longer than 40', dmap({ Label: 'L'.repeat(41) }), '/States/M/Label', 'Label cannot exceed 40 characters', 'INVALID_LABEL_NAME'],
  ['Label with a colon', dmap({ Label: 'a:b' }), '/States/M/Label', "Label contains invalid character: ':'", 'INVALID_LABEL_NAME'],
  ['Label with a control character', dmap({ Label: 'a\u0007b' }), '/States/M/Label', 'Label contains invalid character', 'INVALID_LABEL_NAME'],
  ['Label used twice',
    dmap({ Label: 'Run', ItemProcessor: processor('Inner', DISTRIBUTED, { Inner: { Type: 'Map', Label: 'Run', ItemProcessor: processor('Leaf', DISTRIBUTED), End: true } }) }),
    '/States/M/ItemProcessor/States/Inner/Label', 'Duplicate Label: Run', 'DUPLICATE_LABEL_NAME'],
  ['Iterator and ItemProcessor together', dmap({ Iterator: processor('Other') }), '/States/M/Iterator', 'mutually exclusive'],
  ['Parameters and ItemSelector together', dmap({ Parameters: {}, ItemSelector: {} }), '/States/M/Parameters', 'mutually exclusive'],
  ['ProcessorConfig Mode unknown', dmap({ ItemProcessor: processor('I', { Mode: 'REMOTE' }) }), '/States/M/ItemProcessor/ProcessorConfig/Mode', 'Mode'],
  ['ProcessorConfig ExecutionType unknown', dmap({ ItemProcessor: processor('I', { ...DISTRIBUTED, ExecutionType: 'FAST' }) }), '/States/M/ItemProcessor/ProcessorConfig/ExecutionType', 'ExecutionType'],
  ['ItemProcessor unknown field', dmap({ ItemProcessor: { ...processor('I'), Foo: 1 } }), '/States/M/ItemProcessor/Foo', 'not supported'],
  ['legacy Iterator with a missing StartAt target', dmap({ ItemProcessor: undefined, Iterator: { StartAt: 'X', States: { I: { Type: 'Pass', End: true } } } }), '/States/M/Iterator/StartAt', "'StartAt' target: X", 'MISSING_TRANSITION_TARGET'],
  ['ItemBatcher in INLINE mode', inline({ ItemBatcher: { MaxItemsPerBatch: 2 } }), '/States/M/ItemBatcher', 'DISTRIBUTED'],
  ['ResultWriter in INLINE mode', inline({ ResultWriter: { WriterConfig: { OutputType: 'JSON' } } }), '/States/M/ResultWriter', 'DISTRIBUTED'],
  ['Items in a JSONPath Map', dmap({ Items: [1, 2] }), '/States/M/Items', 'JSONata field'],
  ['ItemsPath in a JSONata Map', jsonata({ ItemsPath: '$.items' }), '/States/M/ItemsPath', 'JSONPath field'],
  ['MaxConcurrencyPath in a JSONata Map', jsonata({ MaxConcurrencyPath: '$.c' }), '/States/M/MaxConcurrencyPath', 'JSONPath field'],
  ['ItemReader Parameters in a JSONata Map', jsonata({ ItemReader: { Resource: GET, Parameters: {} } }), '/States/M/ItemReader/Parameters', 'JSONPath field'],
  ['JSONata MaxConcurrency that is not an expression', jsonata({ MaxConcurrency: 'many' }), '/States/M/MaxConcurrency', 'JSONata expression'],
  ['JSONata Items that is a number', jsonata({ Items: 3 }), '/States/M/Items', 'Items'],
];

describe('validateDefinition rejects invalid Map states', () => {
  test('the table holds distinct cases', () => {
    assert.equal(new Set(INVALID.map((c) => c[0])).size, INVALID.length);
    assert.equal(new Set(INVALID.map((c) => JSON.stringify(c[1]))).size, INVALID.length);
  });
  for (const [what, definition, path, text, code] of INVALID) {
    test(what, () => {
      const result = validateDefinition(definition);
      assert.equal(result.ok, false, `${what}: expected faults`);
      if (result.ok) return;
      const hit = result.faults.find(
        (f) => f.path === path && f.message.includes(text) && (code === undefined || f.code === code),
      );
      assert.ok(
        hit,
        `${what}: nothing at ${path} mentioning ${JSON.stringify(text)}: ${formatInvalidDefinition(result.faults)}`,
      );
    });
  }
});
