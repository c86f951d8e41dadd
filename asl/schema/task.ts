/**
 * Task state: runs the work named by Resource. Timeout/heartbeat literal-vs-path exclusivity and their ordering
 * are checked by the validator; here each field's own type and range.
 */
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
import { pathField, payloadTemplateObject } from './paths';
import { errorHandlingFields } from './retry-catch';
import { integerField, onlyIn, orJsonata } from './values';

/** AWS reports a malformed Resource with its own code rather than as a schema fault. */
const resource = z
  .string({ error: 'The field "Resource" is required and must be a resource ARN string' })
  .refine((v) => /^arn:[^:]+:[^:]+:/.test(v), {
    message: 'The field "Resource" is not a valid resource ARN',
    params: { code: 'INVALID_RESOURCE' },
  });

function seconds(ql: QueryLanguage, field: string) {
  return orJsonata(ql, field, integerField(field, { min: 1, max: 99999999 })).optional();
}

export function taskStateSchema(ql: QueryLanguage) {
  return z.strictObject({
    ...commonFields('Task'),
    ...transitionFields,
    ...inputOutputFields(ql),
    ...resultFields(ql),
    ...argumentFields(ql),
    ...assignFields(ql),
    ...errorHandlingFields(ql),
    Resource: resource,
    TimeoutSeconds: seconds(ql, 'TimeoutSeconds'),
    HeartbeatSeconds: seconds(ql, 'HeartbeatSeconds'),
    ...onlyIn('JSONPath', ql, {
      TimeoutSecondsPath: pathField('TimeoutSecondsPath').optional(),
      HeartbeatSecondsPath: pathField('HeartbeatSecondsPath').optional(),
    }),
    Credentials: (ql === 'JSONPath'
      ? payloadTemplateObject('Credentials')
      : z.record(z.string(), z.json(), { error: 'The field "Credentials" must be a JSON object' })
    ).optional(),
  });
}
