/**
 * Argument checking for intrinsic functions. AWS reports an intrinsic's bad argument as a States.Runtime
 * failure of the state; the name is kept in one place so it can follow AWS if that ever proves otherwise.
 */
import { StatesError, StatesErrors } from '../errors';
import { isJsonObject, type Json, type JsonObject } from '../json';

export const INTRINSIC_ERROR = StatesErrors.Runtime;

export function intrinsicError(fn: string, message: string): StatesError {
  return new StatesError(INTRINSIC_ERROR, `The function '${fn}' ${message}`);
}

export function typeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function describe(value: Json): string {
  const text = JSON.stringify(value);
  return `${typeName(value)} ${text.length > 100 ? `${text.slice(0, 100)}...` : text}`;
}

function arg(fn: string, args: Json[], index: number): Json {
  const value = args[index];
  if (value === undefined) throw intrinsicError(fn, `is missing argument ${index + 1}`);
  return value;
}

function wrongType(fn: string, index: number, expected: string, value: Json): StatesError {
  return intrinsicError(fn, `expects argument ${index + 1} to be ${expected}, but got ${describe(value)}`);
}

export function checkArity(fn: string, args: Json[], min: number, max: number): void {
  if (args.length >= min && args.length <= max) return;
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  throw intrinsicError(fn, `expects ${expected} argument${expected === '1' ? '' : 's'}, but received ${args.length}`);
}

export function stringArg(fn: string, args: Json[], index: number): string {
  const value = arg(fn, args, index);
  if (typeof value !== 'string') throw wrongType(fn, index, 'a string', value);
  return value;
}

export function numberArg(fn: string, args: Json[], index: number): number {
  const value = arg(fn, args, index);
  if (typeof value !== 'number') throw wrongType(fn, index, 'a number', value);
  return value;
}

/** AWS: "If you specify a non-integer value ..., Step Functions will round it off to the nearest integer." */
export function integerArg(fn: string, args: Json[], index: number): number {
  const value = numberArg(fn, args, index);
  return Math.sign(value) * Math.round(Math.abs(value)); // half away from zero, as AWS's Java rounding observed
}

export function booleanArg(fn: string, args: Json[], index: number): boolean {
  const value = arg(fn, args, index);
  if (typeof value !== 'boolean') throw wrongType(fn, index, 'a boolean', value);
  return value;
}

export function arrayArg(fn: string, args: Json[], index: number): Json[] {
  const value = arg(fn, args, index);
  if (!Array.isArray(value)) throw wrongType(fn, index, 'an array', value);
  return value;
}

export function objectArg(fn: string, args: Json[], index: number): JsonObject {
  const value = arg(fn, args, index);
  if (!isJsonObject(value)) throw wrongType(fn, index, 'a JSON object', value);
  return value;
}

export function maxLength(fn: string, value: string, max: number): string {
  if (value.length > max) throw intrinsicError(fn, `accepts at most ${max} characters, but received ${value.length}`);
  return value;
}

/** Key-order-independent serialisation, for deep equality of JSON values. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
