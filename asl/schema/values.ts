/**
 * Scalar building blocks of the definition schemas: JSONata expressions, bounded integers, RFC 3339 timestamps and
 * the "this field is not allowed here" marker. Every message names its field, because the fault path alone is easy
 * to misread once it is several levels deep.
 */
import { z } from 'zod';
import type { QueryLanguage } from '../types';

export const QUERY_LANGUAGES = ['JSONPath', 'JSONata'] as const;
export const queryLanguageSchema = z.enum(QUERY_LANGUAGES, {
  error: 'The field "QueryLanguage" must be "JSONPath" or "JSONata"',
});

/** A JSONata field value is a whole string wrapped in `{% ... %}`; anything else is a literal. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && /^\{%[\s\S]*%\}$/.test(value);
}

export function jsonataExpression(field: string) {
  return z.string().refine(isJsonataExpression, `The field "${field}" must be a JSONata expression "{% ... %}"`);
}

/** Numeric fields of JSONata states may also be computed: `"MaxConcurrency": "{% $states.input.n %}"`. */
export function orJsonata(ql: QueryLanguage, field: string, literal: z.ZodType): z.ZodType {
  return ql === 'JSONata' ? z.union([literal, jsonataExpression(field)]) : literal;
}

interface Bounds {
  min: number;
  max?: number;
  /** Exclusive lower bound: "greater than" rather than "at least". */
  above?: boolean;
}

function describeBounds(b: Bounds): string {
  const low = b.above ? `greater than ${b.min}` : `at least ${b.min}`;
  return b.max === undefined ? low : `${low} and at most ${b.max}`;
}

export function integerField(field: string, bounds: Bounds) {
  const text = `The field "${field}" must be an integer ${describeBounds(bounds)}`;
  let schema = z.number({ error: text }).int({ error: text });
  schema = bounds.above ? schema.gt(bounds.min, { error: text }) : schema.gte(bounds.min, { error: text });
  return bounds.max === undefined ? schema : schema.lte(bounds.max, { error: text });
}

export function numberField(field: string, bounds: Bounds) {
  const text = `The field "${field}" must be a number ${describeBounds(bounds)}`;
  const schema = z.number({ error: text }).gte(bounds.min, { error: text });
  return bounds.max === undefined ? schema : schema.lte(bounds.max, { error: text });
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** ISO 8601 as Step Functions reads it: the RFC 3339 profile with an upper-case `T` and a zone (`Z` or offset). */
export function isTimestamp(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const dayExists = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const offsetOk = m[9] === undefined || (Number(m[9]) < 24 && Number(m[10]) < 60);
  return dayExists && hour < 24 && minute < 60 && second < 60 && offsetOk;
}

export function timestampField(field: string) {
  return z
    .string({ error: `The field "${field}" must be an ISO 8601 timestamp string` })
    .refine(isTimestamp, `The field "${field}" must be an ISO 8601 (RFC 3339) timestamp such as 2016-03-14T01:59:00Z`);
}

/** A field that must be absent. Used for fields of the other query language and for misplaced transitions. */
export function forbidden(message: string) {
  return z.undefined({ error: message }).optional();
}

/**
 * The fields that exist only in one query language. In a state of the other language each becomes a fault that
 * says why, instead of the generic "not supported" of an unknown field.
 */
export function onlyIn(
  want: QueryLanguage,
  ql: QueryLanguage,
  shape: Record<string, z.ZodType>,
): Record<string, z.ZodType> {
  if (ql === want) return shape;
  const out: Record<string, z.ZodType> = {};
  for (const key of Object.keys(shape)) {
    out[key] = forbidden(`The field "${key}" is not supported in ${ql} states (it is a ${want} field)`);
  }
  return out;
}
