/**
 * Map state, Inline and Distributed (sfn-spec §1). The legacy spellings `Iterator` (for ItemProcessor) and
 * `Parameters` (for ItemSelector) are accepted here; the validator rejects having both spellings at once and
 * normalises them away.
 */
import { z } from 'zod';
import type { QueryLanguage } from '../types';
import { assignFields, commonFields, inputOutputFields, resultFields, transitionFields } from './common';
import {
  itemBatcherSchema,
  itemProcessorSchema,
  itemReaderSchema,
  labelSchema,
  resultWriterSchema,
} from './map-fields';
import { nullablePathField, pathField, payloadTemplate } from './paths';
import { errorHandlingFields } from './retry-catch';
import { integerField, isJsonataExpression, numberField, onlyIn, orJsonata } from './values';

const items = z
  .json()
  .refine(
    (v) => (typeof v === 'object' && v !== null) || isJsonataExpression(v),
    'The field "Items" must be an array, an object or a JSONata expression "{% ... %}"',
  );

function runSettings(ql: QueryLanguage) {
  return {
    MaxConcurrency: orJsonata(ql, 'MaxConcurrency', integerField('MaxConcurrency', { min: 0 })).optional(),
    ToleratedFailurePercentage: orJsonata(
      ql,
      'ToleratedFailurePercentage',
      numberField('ToleratedFailurePercentage', { min: 0, max: 100 }),
    ).optional(),
    ToleratedFailureCount: orJsonata(
      ql,
      'ToleratedFailureCount',
      integerField('ToleratedFailureCount', { min: 0 }),
    ).optional(),
    ...onlyIn('JSONPath', ql, {
      MaxConcurrencyPath: pathField('MaxConcurrencyPath').optional(),
      ToleratedFailurePercentagePath: pathField('ToleratedFailurePercentagePath').optional(),
      ToleratedFailureCountPath: pathField('ToleratedFailureCountPath').optional(),
    }),
  };
}

export function mapStateSchema(ql: QueryLanguage) {
  return z.strictObject({
    ...commonFields('Map'),
    ...transitionFields,
    ...inputOutputFields(ql),
    ...resultFields(ql),
    ...assignFields(ql),
    ...errorHandlingFields(ql),
    ItemProcessor: itemProcessorSchema.optional(),
    Iterator: itemProcessorSchema.optional(),
    ItemSelector: (ql === 'JSONPath' ? payloadTemplate() : z.json()).optional(),
    ...onlyIn('JSONPath', ql, {
      ItemsPath: nullablePathField('ItemsPath').optional(),
      Parameters: payloadTemplate().optional(),
    }),
    ...onlyIn('JSONata', ql, { Items: items.optional() }),
    ItemReader: itemReaderSchema(ql).optional(),
    ItemBatcher: itemBatcherSchema(ql).optional(),
    ResultWriter: resultWriterSchema(ql).optional(),
    ...runSettings(ql),
    Label: labelSchema.optional(),
  });
}
