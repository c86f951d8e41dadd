/**
 * Choice state evaluation, JSONPath flavour (ASL spec "Choice Rules"). A comparison whose Variable value has the
 * wrong type is simply false; a Variable (or `...Path` operand) that does not resolve is a States.Runtime error,
 * except for IsPresent, which exists to test exactly that.
 */
import { StatesError, StatesErrors } from '../errors';
import type { Json } from '../json';
import { isDefinitePath } from '../paths/jsonpath';
import { lookupReference, variableReference } from '../paths/references';
import type { VariableLookup } from '../variables/scope';
import type { ChoiceRule, ChoiceState } from '../types';
import { COMPARISON_OPERATORS } from './operators';

/** An RFC 3339 instant: whole seconds since the epoch plus nanoseconds, so sub-millisecond digits still count. */
export interface Instant {
  seconds: number;
  nanos: number;
}

// ASL: RFC 3339 with an uppercase "T" and, absent a numeric offset, an uppercase "Z".
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil); avoids Date's 0-99 quirk. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses an ASL timestamp, or returns undefined when the string is not one. */
export function parseTimestamp(text: string): Instant | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [offsetHours, offsetMinutes] = [Number(m[9] ?? 0), Number(m[10] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  return { seconds, nanos: Number((m[7] ?? '').padEnd(9, '0')) };
}

function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}

/** StringMatches: `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash. */
export function stringMatches(value: string, pattern: string): boolean {
  const tokens: (string | null)[] = []; // null is a wildcard
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) tokens.push(pattern[++i] as string);
    else tokens.push(ch === '*' ? null : ch);
  }
  // Greedy matching with backtracking to the last wildcard: O(value * pattern) at worst.
  let v = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    if (t < tokens.length && tokens[t] !== null && tokens[t] === value[v]) {
      v++;
      t++;
    } else if (t < tokens.length && tokens[t] === null) {
      star = t++;
      resume = v;
    } else if (star >= 0) {
      t = star + 1;
      v = ++resume;
    } else return false;
  }
  while (t < tokens.length && tokens[t] === null) t++;
  return t === tokens.length;
}

function resolve(path: string, input: Json, context: Json | undefined, variables?: VariableLookup): Json | undefined {
  return lookupReference(path, { data: input, context, ...(variables ? { variables } : {}) });
}

function mustResolve(
  path: Json | ChoiceRule | ChoiceRule[] | undefined,
  input: Json,
  context?: Json,
  variables?: VariableLookup,
): Json {
  if (typeof path !== 'string')
    throw new StatesError(StatesErrors.Runtime, `Invalid Choice rule path: ${String(path)}`);
  const value = resolve(path, input, context, variables);
  if (value === undefined) {
    throw new StatesError(
      StatesErrors.Runtime,
      `Invalid path '${path}': The choice state's condition path references an invalid value.`,
    );
  }
  return value;
}

type Ordering = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

function holds(order: number, ordering: Ordering): boolean {
  switch (ordering) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    case 'GreaterThanEquals':
      return order >= 0;
  }
}

/** Orders two values of one comparison family, or undefined when either has the wrong type. */
function order(family: string, a: Json, b: Json): number | undefined {
  if (family === 'String' && typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (family === 'Numeric' && typeof a === 'number' && typeof b === 'number') return a - b;
  if (family === 'Boolean' && typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : 1;
  if (family === 'Timestamp' && typeof a === 'string' && typeof b === 'string') {
    const [x, y] = [parseTimestamp(a), parseTimestamp(b)];
    return x && y ? compareInstants(x, y) : undefined;
  }
  return undefined;
}

const TYPE_TESTS: Record<string, (value: Json) => boolean> = {
  IsNull: (value) => value === null,
  IsNumeric: (value) => typeof value === 'number',
  IsString: (value) => typeof value === 'string',
  IsBoolean: (value) => typeof value === 'boolean',
  IsTimestamp: (value) => typeof value === 'string' && parseTimestamp(value) !== undefined,
};

const OPERATOR =
  /^(String|Numeric|Boolean|Timestamp)(Equals|LessThanEquals|GreaterThanEquals|LessThan|GreaterThan)(Path)?$/;

/**
 * Evaluates one Choice rule (nested ones included) against the state input. `context` serves `$$...` paths.
 */
export function evaluateChoiceRule(rule: ChoiceRule, input: Json, context?: Json, variables?: VariableLookup): boolean {
  if (rule.And !== undefined) return rule.And.every((r) => evaluateChoiceRule(r, input, context, variables));
  if (rule.Or !== undefined) return rule.Or.some((r) => evaluateChoiceRule(r, input, context, variables));
  if (rule.Not !== undefined) return !evaluateChoiceRule(rule.Not, input, context, variables);
  const operator = Object.keys(rule).find((key) => Object.prototype.hasOwnProperty.call(COMPARISON_OPERATORS, key));
  if (operator === undefined) {
    throw new StatesError(StatesErrors.Runtime, 'The Choice rule has no comparison operator, And, Or or Not');
  }
  const operand = rule[operator] as Json;
  if (typeof rule.Variable !== 'string') {
    throw new StatesError(StatesErrors.Runtime, `The Choice rule with ${operator} has no Variable`);
  }
  if (operator === 'IsPresent') {
    // An indefinite path (wildcard, filter...) is present when it matches at least one node.
    const found = resolve(rule.Variable, input, context, variables);
    const definite = isDefinitePath(variableReference(rule.Variable)?.path ?? rule.Variable.replace(/^\$\$/, '$'));
    const present = found !== undefined && (definite || (Array.isArray(found) && found.length > 0));
    return present === operand;
  }
  const value = mustResolve(rule.Variable, input, context, variables);
  const typeTest = TYPE_TESTS[operator];
  if (typeTest !== undefined) return typeTest(value) === operand;
  if (operator === 'StringMatches')
    return typeof value === 'string' && typeof operand === 'string' && stringMatches(value, operand);
  const m = OPERATOR.exec(operator);
  if (!m) throw new StatesError(StatesErrors.Runtime, `Unsupported Choice operator ${operator}`);
  const expected = m[3] === 'Path' ? mustResolve(operand, input, context, variables) : operand;
  const result = order(m[1] as string, value, expected);
  return result !== undefined && holds(result, m[2] as Ordering);
}

/** The Next of the first matching top-level rule, else Default, else States.NoChoiceMatched. */
export function selectChoice(state: ChoiceState, input: Json, context?: Json, variables?: VariableLookup): string {
  return selectChoiceRule(state, input, context, variables).next;
}

/** Like selectChoice, also telling which rule matched (undefined: Default), for the rule's own Assign. */
export function selectChoiceRule(
  state: ChoiceState,
  input: Json,
  context?: Json,
  variables?: VariableLookup,
): { next: string; rule?: ChoiceRule } {
  for (const rule of state.Choices) {
    if (!evaluateChoiceRule(rule, input, context, variables)) continue;
    if (typeof rule.Next !== 'string')
      throw new StatesError(StatesErrors.Runtime, 'A top-level Choice rule has no Next');
    return { next: rule.Next, rule };
  }
  if (state.Default !== undefined) return { next: state.Default };
  throw new StatesError(StatesErrors.NoChoiceMatched, 'No Matches!');
}
