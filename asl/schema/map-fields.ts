/**
 * The sub-objects of a Map state (sfn-spec §1.3-§1.11): ItemProcessor and its ProcessorConfig, ItemReader,
 * ItemBatcher, ResultWriter and the Map Run Label. Relations between fields (ExecutionType required when
 * DISTRIBUTED, CSVHeaders only with GIVEN, literal/path exclusivity...) are checked by asl/validate-map.ts.
 */
import { z } from 'zod';
import type { QueryLanguage } from '../types';
import { branchShape } from './machine';
import { pathField, payloadTemplate, payloadTemplateObject } from './paths';
import { integerField, onlyIn, orJsonata } from './values';

const processorConfig = z.strictObject({
  Mode: z.enum(['INLINE', 'DISTRIBUTED'], { error: 'The field "Mode" must be "INLINE" or "DISTRIBUTED"' }).optional(),
  ExecutionType: z
    .enum(['STANDARD', 'EXPRESS'], { error: 'The field "ExecutionType" must be "STANDARD" or "EXPRESS"' })
    .optional(),
});

/** ItemProcessor, and its legacy spelling Iterator. */
export const itemProcessorSchema = z.strictObject({ ...branchShape, ProcessorConfig: processorConfig.optional() });

function oneOf<T extends string>(field: string, values: readonly [T, ...T[]]) {
  return z.enum(values, { error: `The field "${field}" must be one of ${values.join(', ')}` });
}

function readerConfig(ql: QueryLanguage) {
  return z.strictObject({
    InputType: oneOf('InputType', ['CSV', 'JSON', 'JSONL', 'PARQUET', 'MANIFEST']).optional(),
    CSVHeaderLocation: oneOf('CSVHeaderLocation', ['FIRST_ROW', 'GIVEN']).optional(),
    CSVHeaders: z
      .array(z.string(), { error: 'The field "CSVHeaders" must be an array of strings' })
      .min(1, 'The field "CSVHeaders" must not be empty')
      .optional(),
    CSVDelimiter: oneOf('CSVDelimiter', ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB']).optional(),
    MaxItems: orJsonata(ql, 'MaxItems', integerField('MaxItems', { min: 0 })).optional(),
    ...onlyIn('JSONPath', ql, { MaxItemsPath: pathField('MaxItemsPath').optional() }),
    Transformation: oneOf('Transformation', ['NONE', 'LOAD_AND_FLATTEN']).optional(),
    ManifestType: oneOf('ManifestType', ['ATHENA_DATA', 'S3_INVENTORY']).optional(),
    ItemsPointer: z.string({ error: 'The field "ItemsPointer" must be a JSON Pointer string' }).optional(),
  });
}

/** Parameters (JSONPath) or Arguments (JSONata) of the S3 call an ItemReader or ResultWriter makes. */
function s3Arguments(ql: QueryLanguage) {
  return {
    ...onlyIn('JSONPath', ql, { Parameters: payloadTemplateObject('Parameters').optional() }),
    ...onlyIn('JSONata', ql, { Arguments: z.json().optional() }),
  };
}

export function itemReaderSchema(ql: QueryLanguage) {
  return z.strictObject({
    Resource: z.enum(['arn:aws:states:::s3:getObject', 'arn:aws:states:::s3:listObjectsV2'], {
      error: 'The ItemReader "Resource" must be arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2',
    }),
    ...s3Arguments(ql),
    ReaderConfig: readerConfig(ql).optional(),
  });
}

export function itemBatcherSchema(ql: QueryLanguage) {
  return z.strictObject({
    MaxItemsPerBatch: orJsonata(ql, 'MaxItemsPerBatch', integerField('MaxItemsPerBatch', { min: 1 })).optional(),
    MaxInputBytesPerBatch: orJsonata(
      ql,
      'MaxInputBytesPerBatch',
      integerField('MaxInputBytesPerBatch', { min: 1, max: 262144 }),
    ).optional(),
    ...onlyIn('JSONPath', ql, {
      MaxItemsPerBatchPath: pathField('MaxItemsPerBatchPath').optional(),
      MaxInputBytesPerBatchPath: pathField('MaxInputBytesPerBatchPath').optional(),
    }),
    BatchInput: (ql === 'JSONPath' ? payloadTemplate() : z.json()).optional(),
  });
}

export function resultWriterSchema(ql: QueryLanguage) {
  return z.strictObject({
    Resource: z
      .literal('arn:aws:states:::s3:putObject', {
        error: 'The ResultWriter "Resource" must be arn:aws:states:::s3:putObject',
      })
      .optional(),
    ...s3Arguments(ql),
    WriterConfig: z
      .strictObject({
        Transformation: oneOf('Transformation', ['NONE', 'COMPACT', 'FLATTEN']).optional(),
        OutputType: oneOf('OutputType', ['JSON', 'JSONL']).optional(),
      })
      .optional(),
  });
}

/** Characters a Map Run label may not contain (sfn-spec §1.10): they would break the Map Run ARN or its metrics. */
const LABEL_PUNCTUATION = '?*<>{}[]:;,\\|^~$#%&`"';

function isForbiddenLabelChar(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  const control = code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  return control || /\s/u.test(ch) || LABEL_PUNCTUATION.includes(ch);
}

export function labelProblem(label: string): string | undefined {
  if (label.length === 0) return 'Label cannot be empty';
  const chars = [...label];
  if (chars.length > 40) return 'Label cannot exceed 40 characters';
  const bad = chars.find(isForbiddenLabelChar);
  if (bad === undefined) return undefined;
  // Control characters are shown escaped: printed raw they would be invisible in the message.
  const code = bad.codePointAt(0) ?? 0;
  const shown = /\p{Cc}/u.test(bad) ? `\\u${code.toString(16).padStart(4, '0')}` : bad;
  return `Label contains invalid character: '${shown}'`;
}

export const labelSchema = z.string({ error: 'The field "Label" must be a string' }).superRefine((label, ctx) => {
  const problem = labelProblem(label);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'INVALID_LABEL_NAME' } });
});
