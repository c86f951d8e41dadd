/**
 * What a JSONPath-flavour reference reads: `$$...` the context object, `$name...` a workflow variable (then the
 * rest of the path inside its value), `$...` the data at hand (state input, result or error output).
 */
import { StatesError, StatesErrors } from '../errors';
import type { Json } from '../json';
import type { VariableLookup } from '../variables/scope';
import { lookupPath, normalizedPath } from './jsonpath';

export interface PathSources {
  data: Json;
  context?: Json;
  variables?: VariableLookup;
}

const VARIABLE = /^\$([\p{L}_][\p{L}\p{N}_]*)(.*)$/su;

/** `$name.rest` -> `{ name, path: '$.rest' }`; undefined for `$`, `$.x`, `$[0]` and `$$...`. */
export function variableReference(path: string): { name: string; path: string } | undefined {
  const m = VARIABLE.exec(path);
  if (!m) return undefined;
  const rest = m[2] ?? '';
  if (rest !== '' && !rest.startsWith('.') && !rest.startsWith('[')) return undefined;
  return { name: m[1] as string, path: `$${rest}` };
}

function undefinedVariable(path: string, name: string): StatesError {
  return new StatesError(StatesErrors.Runtime, `Invalid path '${path}' : The variable '${name}' is not defined`);
}

/** Evaluates a reference without failing when the node is absent (an undefined variable still fails). */
export function lookupReference(path: string, sources: PathSources): Json | undefined {
  if (path.startsWith('$$'))
    return sources.context === undefined ? undefined : lookupPath(sources.context, path.slice(1));
  const variable = variableReference(path);
  if (variable) {
    const value = sources.variables?.get(variable.name);
    if (value === undefined) throw undefinedVariable(path, variable.name);
    return lookupPath(value, variable.path);
  }
  return lookupPath(sources.data, path);
}

/** Evaluates a reference; States.Runtime when it names nothing, with Jayway's "No results for path" wording. */
export function selectReference(path: string, sources: PathSources): Json {
  const value = lookupReference(path, sources);
  if (value === undefined) {
    const variable = variableReference(path);
    const shown = path.startsWith('$$') ? normalizedPath(path.slice(1)) : normalizedPath(variable?.path ?? path);
    throw new StatesError(StatesErrors.Runtime, `Invalid path '${path}' : No results for path: ${shown}`);
  }
  return value;
}
