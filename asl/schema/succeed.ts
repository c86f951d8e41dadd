/** Succeed state: a terminal state; it never transitions and assigns no variables. */
import { z } from 'zod';
import type { QueryLanguage } from '../types';
import { commonFields, inputOutputFields } from './common';
import { forbidden } from './values';

export function succeedStateSchema(ql: QueryLanguage) {
  return z.strictObject({
    ...commonFields('Succeed'),
    ...inputOutputFields(ql),
    Next: forbidden('Succeed states cannot have "Next": they are terminal'),
    End: forbidden('Succeed states cannot have "End": they are terminal'),
  });
}
