/** Choice state: picks the Next state from the first matching rule, else Default. It never ends a branch itself. */
import { z } from 'zod';
import type { QueryLanguage } from '../types';
import { assignFields, commonFields, inputOutputFields } from './common';
import { choiceRule } from './choice-rule';
import { forbidden } from './values';

export function choiceStateSchema(ql: QueryLanguage) {
  return z.strictObject({
    ...commonFields('Choice'),
    ...inputOutputFields(ql),
    ...assignFields(ql),
    Choices: z
      .array(choiceRule(ql), { error: 'The field "Choices" is required and must be an array of choice rules' })
      .min(1, 'The field "Choices" must not be empty'),
    Default: z.string({ error: 'The field "Default" must be a state name' }).optional(),
    Next: forbidden('Choice states cannot have "Next": put it in each rule of "Choices" or in "Default"'),
    End: forbidden('Choice states cannot have "End": a Choice state always transitions'),
  });
}
