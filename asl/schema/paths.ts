/**
 * JSONPath-flavour references: path fields, `.$` payload templates, intrinsic function calls and Assign blocks.
 * A path must start with `$` and an intrinsic call must parse and name known functions (asl/intrinsics); whether a
 * path resolves is a run-time question.
 */
import { z } from 'zod';
import { isStatesError } from '../errors';
import type { IntrinsicCall } from '../intrinsics/parse';
import { INTRINSIC_FUNCTIONS, isIntrinsicCall, parseIntrinsic } from '../intrinsics';
import type { QueryLanguage } from '../types';

function unknownFunction(call: IntrinsicCall): string | undefined {
  if (!Object.hasOwn(INTRINSIC_FUNCTIONS, call.name)) return call.name;
  for (const arg of call.args) {
    const inner = arg.kind === 'call' ? unknownFunction(arg.call) : undefined;
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** Why an intrinsic call does not parse or names an unknown function; undefined when it is fine. */
function intrinsicProblem(value: string): string | undefined {
  let call: IntrinsicCall;
  try {
    call = parseIntrinsic(value);
  } catch (e) {
    return isStatesError(e) && e.cause !== undefined
      ? `is not a valid intrinsic function call (${e.cause})`
      : 'is not a valid intrinsic function call';
  }
  const unknown = unknownFunction(call);
  return unknown === undefined ? undefined : `calls an unknown intrinsic function ${unknown}`;
}

/** A path (`$.x`, `$$.Execution.Id`, `$var.x`) or an intrinsic function call; else why not. */
export function pathOrIntrinsicProblem(value: string): string | undefined {
  if (value.startsWith('$')) return undefined;
  if (isIntrinsicCall(value)) return intrinsicProblem(value);
  return 'must be a JSONPath starting with "$" or an intrinsic function call';
}

export function pathField(field: string) {
  return z
    .string({ error: `The field "${field}" must be a JSONPath string starting with "$"` })
    .refine((v) => v.startsWith('$'), `The field "${field}" must be a JSONPath starting with "$"`);
}

/** InputPath, OutputPath: `null` means "discard" and is allowed. */
export function nullablePathField(field: string) {
  return pathField(field).nullable();
}

/** ResultPath writes into the state input, so it cannot point into the read-only context object. */
export const resultPathField = pathField('ResultPath')
  .refine((v) => !v.startsWith('$$'), 'The field "ResultPath" cannot refer to the context object ($$)')
  .nullable();

/** ErrorPath and CausePath take a path or an intrinsic function. */
export function pathOrIntrinsicField(field: string) {
  return z.string({ error: `The field "${field}" must be a string` }).superRefine((value, ctx) => {
    const problem = pathOrIntrinsicProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `The field "${field}" ${problem}` });
  });
}

/** Reports every `.$` key whose value is not a string path or intrinsic call, at any depth of a payload template. */
function checkTemplate(value: unknown, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkTemplate(item, [...path, i], ctx));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, inner] of Object.entries(value)) {
    const at = [...path, key];
    if (!key.endsWith('.$')) {
      checkTemplate(inner, at, ctx);
      continue;
    }
    if (typeof inner !== 'string') {
      ctx.addIssue({
        code: 'custom',
        path: at,
        message: `The field "${key}" ends in ".$", so its value must be a string`,
      });
      continue;
    }
    const problem = pathOrIntrinsicProblem(inner);
    if (problem) ctx.addIssue({ code: 'custom', path: at, message: `The value of "${key}" ${problem}` });
  }
}

/** Parameters, ItemSelector, ResultSelector, BatchInput...: JSON in which `.$` keys select from the input. */
export function payloadTemplate() {
  return z.json().superRefine((value, ctx) => checkTemplate(value, [], ctx));
}

export function payloadTemplateObject(field: string) {
  return z
    .record(z.string(), z.json(), { error: `The field "${field}" must be a JSON object` })
    .superRefine((value, ctx) => checkTemplate(value, [], ctx));
}

const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** Assign: variable names as keys; in JSONPath states a `.$` key assigns the value at a path. */
export function assignField(ql: QueryLanguage) {
  return z
    .record(z.string(), z.json(), { error: 'The field "Assign" must be a JSON object' })
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        const name = ql === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
        if (!VARIABLE_NAME.test(name) || name.length > 80) {
          ctx.addIssue({ code: 'custom', path: [key], message: `Invalid variable name "${name}" in Assign` });
        }
      }
      if (ql === 'JSONPath') checkTemplate(value, [], ctx);
    });
}
