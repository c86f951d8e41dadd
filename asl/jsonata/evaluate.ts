/**
 * Evaluating one `{% ... %}` expression with the jsonata package. An expression sees the reserved `$states`
 * (input, result, errorOutput, context), the workflow variables visible to the state, and the Step Functions
 * functions; it has no input document of its own (`$` is undefined, as AWS forbids bare `$` at the top level).
 * Compiled expressions are cached: definitions are fixed, so the same texts come back on every state entry.
 */
import jsonata from 'jsonata';
import type { Json } from '../json';
import { returnedNothing, threwError } from './errors';
import { stepFunctionsFunctions, type JsonataHost } from './functions';

/** `$states` as Step Functions defines it; absent members are simply not there. */
export interface StatesVariable {
  input: Json;
  context: Json;
  result?: Json;
  errorOutput?: Json;
}

export interface JsonataScope {
  states: StatesVariable;
  variables: Record<string, Json>;
  host: JsonataHost;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

/** A JSONata field value is a whole string `{% ... %}`; anything else is a literal. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && EXPRESSION.test(value);
}

/** The expression text inside `{% ... %}`, trimmed, as AWS quotes it in error messages. */
export function expressionText(value: string): string {
  return (EXPRESSION.exec(value)?.[1] ?? value).trim();
}

/**
 * Compiled expressions by text. The workflow bundle's modules are shared by every workflow of a worker
 * (worker/bundle.ts), so this cache is too: that is safe because compiling is synchronous and pure, and an
 * evaluation gets its functions and variables as bindings, never through `assign` on the shared expression.
 */
const compiled = new Map<string, jsonata.Expression>();
const MAX_CACHED = 1000;

function compile(text: string): jsonata.Expression {
  let expression = compiled.get(text);
  if (expression === undefined) {
    expression = jsonata(text);
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(text, expression);
  }
  return expression;
}

function describeFailure(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(error);
    return typeof code === 'string' ? `${code}: ${text}` : text;
  }
  return String(error);
}

/** A JSONata function value (a lambda or a native function wrapper): not JSON, and possibly circular. */
function isFunctionValue(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const marked = value as { _jsonata_lambda?: unknown; _jsonata_function?: unknown };
  return marked._jsonata_lambda === true || marked._jsonata_function === true;
}

/** JSONata values become JSON: sequences become arrays, functions and undefined members drop out. */
function toJson(value: unknown): Json | undefined {
  if (value === undefined || isFunctionValue(value)) return undefined;
  if (Array.isArray(value)) {
    return value.map(toJson).filter((item): item is Json => item !== undefined);
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, Json> = {};
    for (const [key, member] of Object.entries(value)) {
      const json = toJson(member);
      if (json !== undefined) out[key] = json;
    }
    return out;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null; // -0 serialises as 0
  return value as Json;
}

/**
 * Evaluates `{% expr %}` for `field` (a location such as `Output/result`). A failure or an undefined result is
 * States.QueryEvaluationError with AWS's wording.
 */
export async function evaluateExpression(source: string, field: string, scope: JsonataScope): Promise<Json> {
  const text = expressionText(source);
  let value: unknown;
  try {
    const functions = await stepFunctionsFunctions(scope.host);
    value = await compile(text).evaluate(undefined, { ...functions, ...scope.variables, states: scope.states });
  } catch (error) {
    throw threwError(text, field, describeFailure(error));
  }
  const json = toJson(value);
  if (json === undefined) throw returnedNothing(text, field);
  return json;
}
