/** Parallel state: runs every branch on the same input; each branch is its own scope of states. */
import { z } from 'zod';
import type { QueryLanguage } from '../types';
import {
  argumentFields,
  assignFields,
  commonFields,
  inputOutputFields,
  resultFields,
  transitionFields,
} from './common';
import { branchSchema } from './machine';
import { errorHandlingFields } from './retry-catch';

export function parallelStateSchema(ql: QueryLanguage) {
  return z.strictObject({
    ...commonFields('Parallel'),
    ...transitionFields,
    ...inputOutputFields(ql),
    ...resultFields(ql),
    ...argumentFields(ql),
    ...assignFields(ql),
    ...errorHandlingFields(ql),
    Branches: z
      .array(branchSchema, { error: 'The field "Branches" is required and must be an array of branches' })
      .min(1, 'The field "Branches" must not be empty'),
  });
}
