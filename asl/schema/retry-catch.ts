/**
 * Retry and Catch (ASL "Error handling"). Names with the reserved `States.` prefix must be real Step Functions
 * errors, and `States.ALL` must stand alone in the last retrier or catcher, because anything after it could never
 * match.
 */
import { z } from 'zod';
import { KNOWN_STATES_ERRORS, StatesErrors } from '../errors';
import type { QueryLanguage } from '../types';
import type { Shape } from './common';
import { assignFields } from './common';
import { resultPathField } from './paths';
import { integerField, numberField, onlyIn } from './values';

const errorEquals = z
  .array(z.string({ error: 'Error names in "ErrorEquals" must be strings' }), {
    error: 'The field "ErrorEquals" must be an array of error names',
  })
  .min(1, 'The field "ErrorEquals" must not be empty')
  .superRefine((names, ctx) => {
    names.forEach((name, i) => {
      if (name.startsWith('States.') && !KNOWN_STATES_ERRORS.has(name)) {
        ctx.addIssue({ code: 'custom', path: [i], message: `Unknown error name "${name}" in ErrorEquals` });
      }
      if (name === StatesErrors.ALL && names.length > 1) {
        ctx.addIssue({ code: 'custom', path: [i], message: 'States.ALL must appear alone in ErrorEquals' });
      }
    });
  });

const retrier = z.strictObject({
  ErrorEquals: errorEquals,
  IntervalSeconds: integerField('IntervalSeconds', { min: 1, max: 99999999 }).optional(),
  MaxAttempts: integerField('MaxAttempts', { min: 0, max: 99999999 }).optional(),
  BackoffRate: numberField('BackoffRate', { min: 1 }).optional(),
  MaxDelaySeconds: integerField('MaxDelaySeconds', { min: 0, above: true, max: 31622400 }).optional(),
  JitterStrategy: z.enum(['FULL', 'NONE'], { error: 'The field "JitterStrategy" must be "FULL" or "NONE"' }).optional(),
  Comment: z.string().optional(),
});

function catcher(ql: QueryLanguage) {
  const shape: Shape = {
    ErrorEquals: errorEquals,
    Next: z.string({ error: 'The field "Next" is required in a catcher and must be a state name' }),
    Comment: z.string().optional(),
    ...assignFields(ql),
    ...onlyIn('JSONPath', ql, { ResultPath: resultPathField.optional() }),
    ...onlyIn('JSONata', ql, { Output: z.json().optional() }),
  };
  return z.strictObject(shape);
}

/** A retrier or catcher after one that names States.ALL is dead code; AWS rejects it. */
function statesAllLast(entries: { ErrorEquals: string[] }[], ctx: z.RefinementCtx, what: string): void {
  entries.forEach((entry, i) => {
    if (i < entries.length - 1 && entry.ErrorEquals.includes(StatesErrors.ALL)) {
      ctx.addIssue({ code: 'custom', path: [i, 'ErrorEquals'], message: `States.ALL must be in the last ${what}` });
    }
  });
}

export const retryField = z
  .array(retrier, { error: 'The field "Retry" must be an array of retriers' })
  .superRefine((entries, ctx) => statesAllLast(entries, ctx, 'retrier'));

export function catchField(ql: QueryLanguage) {
  return z
    .array(catcher(ql), { error: 'The field "Catch" must be an array of catchers' })
    .superRefine((entries, ctx) => statesAllLast(entries as { ErrorEquals: string[] }[], ctx, 'catcher'));
}

export function errorHandlingFields(ql: QueryLanguage): Shape {
  return { Retry: retryField.optional(), Catch: catchField(ql).optional() };
}
