/**
 * The top level of a definition and the sub-machines nested in it (Parallel branches, Map item processors). The
 * states inside are validated one by one by the validator, which knows each state's type and query language, so
 * here `States` only has to be an object.
 */
import { z } from 'zod';
import { integerField, queryLanguageSchema } from './values';

const states = z.record(z.string(), z.unknown(), {
  error: 'The field "States" is required and must be an object of named states',
});
const startAt = z.string({ error: 'The field "StartAt" is required and must be a state name' });

export const branchShape = {
  Comment: z.string({ error: 'The field "Comment" must be a string' }).optional(),
  StartAt: startAt,
  States: states,
  QueryLanguage: queryLanguageSchema.optional(),
};

export const branchSchema = z.strictObject(branchShape);

export const machineSchema = z.strictObject({
  ...branchShape,
  Version: z.string({ error: 'The field "Version" must be a string' }).optional(),
  TimeoutSeconds: integerField('TimeoutSeconds', { min: 0, above: true, max: 99999999 }).optional(),
});
