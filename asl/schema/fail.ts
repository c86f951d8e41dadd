/**
 * Fail state: terminal, with an optional error name and cause. Error may use the `States.` prefix (a Fail state
 * can re-raise a Step Functions error). Error/ErrorPath and Cause/CausePath exclusivity is checked by the validator.
 */
import { z } from 'zod';
import type { QueryLanguage } from '../types';
import { commonFields } from './common';
import { pathOrIntrinsicField } from './paths';
import { forbidden, onlyIn } from './values';

export function failStateSchema(ql: QueryLanguage) {
  return z.strictObject({
    ...commonFields('Fail'),
    Error: z.string({ error: 'The field "Error" must be a string' }).optional(),
    Cause: z.string({ error: 'The field "Cause" must be a string' }).optional(),
    ...onlyIn('JSONPath', ql, {
      ErrorPath: pathOrIntrinsicField('ErrorPath').optional(),
      CausePath: pathOrIntrinsicField('CausePath').optional(),
    }),
    Next: forbidden('Fail states cannot have "Next": they are terminal'),
    End: forbidden('Fail states cannot have "End": they are terminal'),
  });
}
