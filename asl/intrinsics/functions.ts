/**
 * The States.* intrinsic functions, one implementation each, per the AWS "Intrinsic functions" page.
 * Arguments arrive evaluated; each function checks its own arity and types.
 */
import { md5, sha1 } from '@noble/hashes/legacy';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { base64 } from '@scure/base';
import type { Entropy } from '../context';
import { isJsonObject, type Json, type JsonObject } from '../json';
import {
  arrayArg,
  booleanArg,
  canonicalJson,
  checkArity,
  integerArg,
  intrinsicError,
  maxLength,
  objectArg,
  stringArg,
} from './args';
import { seededRandomInt } from './seeded-random';

export interface FunctionEnv {
  entropy: Entropy;
  /** States.Format only: the template literal split at its unescaped `{}` (absent when the template is a path). */
  formatParts?: string[];
}

interface IntrinsicFunction {
  min: number;
  max: number;
  run(fn: string, args: Json[], env: FunctionEnv): Json;
}

const MAX_ARRAY_RANGE = 1000;
const MAX_ENCODE_CHARS = 10_000;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** How AWS (Java) renders a non-string in States.Format: `[a, b]` for arrays, `{k=v}` for objects. */
function formatValue(value: Json): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${formatValue(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

function format(fn: string, args: Json[], env: FunctionEnv): Json {
  const template = stringArg(fn, args, 0);
  const parts = env.formatParts ?? template.split('{}');
  const values = args.slice(1);
  if (values.length !== parts.length - 1) {
    throw intrinsicError(
      fn,
      `template has ${parts.length - 1} placeholder(s) but ${values.length} value(s) were given`,
    );
  }
  return parts.reduce((out, part, i) => out + (i === 0 ? '' : formatValue(values[i - 1] as Json)) + part, '');
}

function stringToJson(fn: string, args: Json[]): Json {
  const text = stringArg(fn, args, 0);
  if (text.trim() === '') return null; // as LocalStack's AWS-recorded behaviour: a blank string parses to null
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw intrinsicError(fn, `could not parse its argument as JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function arrayPartition(fn: string, args: Json[]): Json {
  const array = arrayArg(fn, args, 0);
  const size = integerArg(fn, args, 1);
  if (size <= 0) throw intrinsicError(fn, `expects a positive chunk size, but got ${size}`);
  const chunks: Json[] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  return chunks;
}

function arrayRange(fn: string, args: Json[]): Json {
  const [start, end, step] = [0, 1, 2].map((i) => integerArg(fn, args, i)) as [number, number, number];
  if (step === 0) throw intrinsicError(fn, 'expects a non-zero step');
  const count = Math.max(0, Math.floor((end - start) / step) + 1);
  if (count > MAX_ARRAY_RANGE) {
    throw intrinsicError(fn, `would create ${count} elements, more than the maximum of ${MAX_ARRAY_RANGE}`);
  }
  return Array.from({ length: count }, (_, i) => start + i * step);
}

function arrayGetItem(fn: string, args: Json[]): Json {
  const array = arrayArg(fn, args, 0);
  const index = integerArg(fn, args, 1);
  if (index < 0 || index >= array.length) {
    throw intrinsicError(fn, `index ${index} is out of bounds for an array of length ${array.length}`);
  }
  return array[index] as Json;
}

function arrayUnique(fn: string, args: Json[]): Json {
  const seen = new Set<string>();
  return arrayArg(fn, args, 0).filter((item) => {
    const key = canonicalJson(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function base64Decode(fn: string, args: Json[]): Json {
  // MIME decoding ignores line breaks; padding may be omitted.
  const text = maxLength(fn, stringArg(fn, args, 0), MAX_ENCODE_CHARS).replace(/[\r\n]/g, '');
  let bytes: Uint8Array;
  try {
    bytes = base64.decode(text.padEnd(Math.ceil(text.length / 4) * 4, '='));
  } catch {
    throw intrinsicError(fn, 'received a string that is not valid Base64');
  }
  return new TextDecoder().decode(bytes);
}

const HASHES: Record<string, (data: Uint8Array) => Uint8Array> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

function hash(fn: string, args: Json[]): Json {
  const data = maxLength(fn, stringArg(fn, args, 0), MAX_ENCODE_CHARS);
  const algorithm = stringArg(fn, args, 1);
  const digest = HASHES[algorithm];
  if (digest === undefined) {
    throw intrinsicError(fn, `does not support the algorithm '${algorithm}' (use ${Object.keys(HASHES).join(', ')})`);
  }
  return bytesToHex(digest(new TextEncoder().encode(data)));
}

function jsonMerge(fn: string, args: Json[]): Json {
  const first = objectArg(fn, args, 0);
  const second = objectArg(fn, args, 1);
  if (booleanArg(fn, args, 2))
    throw intrinsicError(fn, 'supports only shallow merging: the third argument must be false');
  const merged: JsonObject = { ...first, ...second };
  return merged;
}

function mathRandom(fn: string, args: Json[], env: FunctionEnv): Json {
  const start = integerArg(fn, args, 0);
  const end = integerArg(fn, args, 1);
  if (start >= end) throw intrinsicError(fn, `expects start (${start}) to be less than end (${end})`);
  if (end - start > INT32_MAX) throw intrinsicError(fn, `range ${start}..${end} is too large`);
  if (args.length === 3) return seededRandomInt(integerArg(fn, args, 2), start, end);
  return start + Math.floor(env.entropy.random() * (end - start));
}

function mathAdd(fn: string, args: Json[]): Json {
  const [a, b] = [0, 1].map((i) => {
    const value = integerArg(fn, args, i);
    if (value < INT32_MIN || value > INT32_MAX) {
      throw intrinsicError(fn, `expects integers between ${INT32_MIN} and ${INT32_MAX}, but got ${value}`);
    }
    return value;
  }) as [number, number];
  return a + b;
}

/** Splits on every occurrence of any delimiter character; empty tokens are dropped (as AWS does). */
function stringSplit(fn: string, args: Json[]): Json {
  const text = stringArg(fn, args, 0);
  const delimiters = new Set(stringArg(fn, args, 1));
  const tokens: string[] = [];
  let current = '';
  for (const ch of text) {
    if (delimiters.has(ch)) {
      if (current !== '') tokens.push(current);
      current = '';
    } else current += ch;
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

const fixed = (n: number, run: (fn: string, args: Json[], env: FunctionEnv) => Json): IntrinsicFunction => ({
  min: n,
  max: n,
  run,
});

export const INTRINSIC_FUNCTIONS: Readonly<Record<string, IntrinsicFunction>> = {
  'States.Format': { min: 1, max: Infinity, run: format },
  'States.StringToJson': fixed(1, stringToJson),
  'States.JsonToString': fixed(1, (_fn, args) => JSON.stringify(args[0])),
  'States.Array': { min: 0, max: Infinity, run: (_fn, args) => [...args] },
  'States.ArrayPartition': fixed(2, arrayPartition),
  'States.ArrayContains': fixed(2, (fn, args) => {
    const needle = canonicalJson(args[1] as Json);
    return arrayArg(fn, args, 0).some((item) => canonicalJson(item) === needle);
  }),
  'States.ArrayRange': fixed(3, arrayRange),
  'States.ArrayGetItem': fixed(2, arrayGetItem),
  'States.ArrayLength': fixed(1, (fn, args) => arrayArg(fn, args, 0).length),
  'States.ArrayUnique': fixed(1, arrayUnique),
  'States.Base64Encode': fixed(1, (fn, args) =>
    base64.encode(new TextEncoder().encode(maxLength(fn, stringArg(fn, args, 0), MAX_ENCODE_CHARS))),
  ),
  'States.Base64Decode': fixed(1, base64Decode),
  'States.Hash': fixed(2, hash),
  'States.JsonMerge': fixed(3, jsonMerge),
  'States.MathRandom': { min: 2, max: 3, run: mathRandom },
  'States.MathAdd': fixed(2, mathAdd),
  'States.StringSplit': fixed(2, stringSplit),
  'States.UUID': fixed(0, (_fn, _args, env) => env.entropy.uuid()),
};

/** Runs one function by name on evaluated arguments (States.Runtime for unknown names, arity or type errors). */
export function callIntrinsic(name: string, args: Json[], env: FunctionEnv): Json {
  const spec = Object.prototype.hasOwnProperty.call(INTRINSIC_FUNCTIONS, name) ? INTRINSIC_FUNCTIONS[name] : undefined;
  if (spec === undefined) throw intrinsicError(name, 'is not a known intrinsic function');
  checkArity(name, args, spec.min, spec.max);
  return spec.run(name, args, env);
}
