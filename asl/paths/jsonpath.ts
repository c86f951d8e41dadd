/**
 * JSONPath as Step Functions uses it (Jayway flavour): InputPath, OutputPath, `.$` template values, Choice
 * Variables, intrinsic arguments, and ResultPath (a "reference path": definite, names and indexes only).
 * Parsing and indefinite evaluation go through jsonpath-plus; a definite path is walked directly from its parsed
 * segments so that Jayway details (negative indexes, no `.length` on arrays or strings) hold exactly.
 */
import { JSONPath } from 'jsonpath-plus';
import { StatesError, StatesErrors } from '../errors';
import { cloneJson, isJsonObject, type Json, type JsonObject } from '../json';

const SLICE = /^-?\d*:-?\d*(?::-?\d*)?$/;
const INDEX = /^-?\d+$/;
const QUOTED_NAME = /^'([^']*)'$/;

type Container = JsonObject | Json[];

function isContainer(value: Json | undefined): value is Container {
  return typeof value === 'object' && value !== null;
}

/**
 * AWS documents `$.abc.['def ghi']`; jsonpath-plus would read `.[` as recursive descent, so drop a single dot
 * before a bracket (outside quotes). `..[` stays a recursive descent.
 */
function normalizePath(path: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i] as string;
    if (quote !== undefined) {
      if (ch === '\\') {
        out += ch + (path[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '.' && path[i + 1] === '[' && path[i - 1] !== '.') {
      continue;
    }
    out += ch;
  }
  return out;
}

function invalidPath(path: string, reason: string): StatesError {
  return new StatesError(StatesErrors.Runtime, `Invalid path '${path}' : ${reason}`);
}

/** The path's segments after `$` (jsonpath-plus parsing). Throws States.Runtime if it does not start at `$`. */
function segmentsOf(path: string): string[] {
  if (typeof path !== 'string' || !path.startsWith('$')) throw invalidPath(String(path), 'a path must start with $');
  const parts = [...JSONPath.toPathArray(normalizePath(path))];
  // e.g. `$name` parses as one segment: a variable reference, which this JSONPath evaluator does not serve.
  if (parts[0] !== '$') throw invalidPath(path, 'expected $ followed by . or [ (variables are not supported here)');
  return parts.slice(1);
}

function isDefiniteSegment(segment: string): boolean {
  if (QUOTED_NAME.test(segment)) return true; // a bracketed name containing a comma, e.g. $['a,b']
  if (segment === '*' || segment === '..' || segment === '~' || segment === '^') return false;
  if (segment.startsWith('?(') || segment.startsWith('(') || segment.startsWith('@')) return false;
  return !SLICE.test(segment) && !segment.includes(',');
}

/** True when the path names at most one node: no wildcard, recursive descent, filter, script, slice or union. */
export function isDefinitePath(path: string): boolean {
  return segmentsOf(path).every(isDefiniteSegment);
}

function nameOf(segment: string): string {
  return QUOTED_NAME.exec(segment)?.[1] ?? segment;
}

/** One step of a definite path, Jayway style: indexes (negative from the end) on arrays, names on objects. */
function child(node: Json, segment: string): Json | undefined {
  if (Array.isArray(node)) {
    if (!INDEX.test(segment)) return undefined;
    const index = Number(segment);
    return node[index < 0 ? node.length + index : index];
  }
  if (isJsonObject(node)) {
    const key = nameOf(segment);
    return Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
  }
  return undefined;
}

/** jsonpath-plus also reports `length` of arrays/strings and string characters; JSON has neither. */
function isJsonMember(parent: unknown, property: unknown): boolean {
  if (Array.isArray(parent)) return INDEX.test(String(property));
  return isJsonObject(parent as Json);
}

function queryAll(data: Json, path: string): Json[] {
  if (!isContainer(data)) return [];
  let results: unknown;
  try {
    results = JSONPath({
      path: normalizePath(path),
      json: data,
      wrap: true,
      resultType: 'all',
      // Filters run in jsonpath-plus's own expression interpreter, never native eval; a filter that
      // dereferences a missing member is a non-match, as in Jayway.
      eval: 'safe',
      ignoreEvalErrors: true,
    });
  } catch (e) {
    throw invalidPath(path, e instanceof Error ? e.message : String(e));
  }
  if (!Array.isArray(results)) return [];
  return (results as { value: Json; parent: unknown; parentProperty: unknown }[])
    .filter((r) => isJsonMember(r.parent, r.parentProperty))
    .map((r) => r.value);
}

/**
 * Evaluates a path without failing on absence: a definite path yields its node or `undefined`; an indefinite
 * path yields the (possibly empty) array of matches.
 */
export function lookupPath(data: Json, path: string): Json | undefined {
  const segments = segmentsOf(path);
  if (!segments.every(isDefiniteSegment)) return queryAll(data, path);
  let node: Json | undefined = data;
  for (const segment of segments) {
    if (node === undefined) return undefined;
    node = child(node, segment);
  }
  return node;
}

/** Jayway's normalised form of a path, as AWS prints it in "No results for path" messages. */
export function normalizedPath(path: string): string {
  let out = '$';
  for (const segment of segmentsOf(path)) out += INDEX.test(segment) ? `[${segment}]` : `['${nameOf(segment)}']`;
  return out;
}

/**
 * Evaluates a path: the single node of a definite path (States.Runtime if absent), or the array of matches of
 * an indefinite one.
 */
export function selectPath(data: Json, path: string): Json {
  const value = lookupPath(data, path);
  if (value === undefined) throw invalidPath(path, `No results for path: ${normalizedPath(path)}`);
  return value;
}

function resultPathFailure(path: string, target: Json): StatesError {
  return new StatesError(
    StatesErrors.ResultPathMatchFailure,
    `Unable to apply ResultPath "${path}" to input "${JSON.stringify(target)}"`,
  );
}

/**
 * ResultPath semantics: a copy of `target` with `value` placed at the reference path, creating missing
 * intermediate objects. Fails with States.ResultPathMatchFailure when an existing node on the way is not a
 * container, or an array index is out of range. `target` is never mutated.
 */
export function assignPath(target: Json, referencePath: string, value: Json): Json {
  const segments = segmentsOf(referencePath);
  if (segments.length === 0) return cloneJson(value);
  if (!segments.every(isDefiniteSegment)) throw resultPathFailure(referencePath, target);
  const root = cloneJson(target);
  if (!isContainer(root)) throw resultPathFailure(referencePath, target);
  let node: Container = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      if (!INDEX.test(segment)) throw resultPathFailure(referencePath, target);
      const raw = Number(segment);
      const index = raw < 0 ? node.length + raw : raw;
      if (index < 0 || index >= node.length) throw resultPathFailure(referencePath, target);
      if (last) {
        node[index] = cloneJson(value);
        break;
      }
      const next: Json | undefined = node[index];
      if (!isContainer(next ?? null)) throw resultPathFailure(referencePath, target);
      node = next as Container;
      continue;
    }
    const key = nameOf(segment);
    if (last) {
      node[key] = cloneJson(value);
      break;
    }
    const next: Json | undefined = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    if (next === undefined) {
      const created: JsonObject = {};
      node[key] = created;
      node = created;
    } else if (isContainer(next)) {
      node = next;
    } else {
      throw resultPathFailure(referencePath, target);
    }
  }
  return root;
}
