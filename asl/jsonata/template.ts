/**
 * JSONata field values: any JSON in which every string `{% ... %}` (at any depth) is replaced by its value.
 * Locations follow AWS's messages: the field name, then each key or index on the way, joined by `/`.
 */
import { isJsonObject, type Json, type JsonObject } from '../json';
import { unexpectedType } from './errors';
import { evaluateExpression, expressionText, isJsonataExpression, type JsonataScope } from './evaluate';

export async function evaluateTemplate(template: Json, field: string, scope: JsonataScope): Promise<Json> {
  if (isJsonataExpression(template)) return evaluateExpression(template, field, scope);
  if (Array.isArray(template)) {
    const out: Json[] = [];
    for (let i = 0; i < template.length; i++)
      out.push(await evaluateTemplate(template[i] as Json, `${field}/${i}`, scope));
    return out;
  }
  if (!isJsonObject(template)) return template;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(template))
    out[key] = await evaluateTemplate(value, `${field}/${key}`, scope);
  return out;
}

export type ExpectedType = 'array' | 'object' | 'string' | 'boolean' | 'number' | 'integer';

function matches(value: Json, expected: ExpectedType): boolean {
  switch (expected) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isJsonObject(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    default:
      return typeof value === expected;
  }
}

/**
 * A field that must produce one type (Items, Condition, Seconds, MaxConcurrency...). A literal of the wrong type
 * is left to the caller's own checks; only an expression's result is judged here.
 */
export async function evaluateTyped(
  value: Json,
  field: string,
  expected: ExpectedType,
  scope: JsonataScope,
): Promise<Json> {
  const result = await evaluateTemplate(value, field, scope);
  if (isJsonataExpression(value) && !matches(result, expected)) {
    throw unexpectedType(expressionText(value), field, expected, result);
  }
  return result;
}
