/**
 * Wait state: pauses for Seconds or until Timestamp, literal or read from a path. "Exactly one of the four" is
 * checked by the validator so that a missing and a doubled duration get their own messages.
 */
import { z } from 'zod';
import type { QueryLanguage } from '../types';
import { assignFields, commonFields, inputOutputFields, transitionFields } from './common';
import { pathField } from './paths';
import { integerField, isJsonataExpression, isTimestamp, onlyIn, orJsonata } from './values';

function timestamp(ql: QueryLanguage) {
  const accepts = (v: string) => isTimestamp(v) || (ql === 'JSONata' && isJsonataExpression(v));
  return z
    .string({ error: 'The field "Timestamp" must be an ISO 8601 timestamp string' })
    .refine(accepts, 'The field "Timestamp" must be an ISO 8601 (RFC 3339) timestamp such as 2016-03-14T01:59:00Z');
}

export function waitStateSchema(ql: QueryLanguage) {
  return z.strictObject({
    ...commonFields('Wait'),
    ...transitionFields,
    ...inputOutputFields(ql),
    ...assignFields(ql),
    Seconds: orJsonata(ql, 'Seconds', integerField('Seconds', { min: 0, max: 99999999 })).optional(),
    Timestamp: timestamp(ql).optional(),
    ...onlyIn('JSONPath', ql, {
      SecondsPath: pathField('SecondsPath').optional(),
      TimestampPath: pathField('TimestampPath').optional(),
    }),
  });
}
