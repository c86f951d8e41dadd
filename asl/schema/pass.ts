/** Pass state: hands its input (or a fixed Result) on without doing work. */
import { z } from 'zod';
import type { QueryLanguage } from '../types';
import { assignFields, commonFields, inputOutputFields, transitionFields } from './common';
import { payloadTemplate, resultPathField } from './paths';
import { onlyIn } from './values';

export function passStateSchema(ql: QueryLanguage) {
  return z.strictObject({
    ...commonFields('Pass'),
    ...transitionFields,
    ...inputOutputFields(ql),
    ...assignFields(ql),
    ...onlyIn('JSONPath', ql, {
      // Result is a literal: a `.$` key inside it is not evaluated, so it is plain JSON, not a template.
      Result: z.json().optional(),
      ResultPath: resultPathField.optional(),
      Parameters: payloadTemplate().optional(),
    }),
  });
}
