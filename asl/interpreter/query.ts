/**
 * The JSONata and variable side of a state's run, shared by the state runners: the scope an expression sees,
 * Assign in either query language, and JSONata's Output. JSONPath Assign is a payload template whose `$` is the
 * state's result (the raw result for Task/Parallel/Map, Result or Parameters for Pass, the effective input for
 * Choice and Wait, the error output in a Catch), as LocalStack's AWS-validated tests show.
 */
import type { StatesVariable, JsonataScope } from '../jsonata/evaluate';
import { evaluateTemplate } from '../jsonata/template';
import type { Json, JsonObject } from '../json';
import { resolvePayloadTemplate } from '../paths/payload-template';
import type { QueryLanguage } from '../types';
import type { RunContext } from './run-context';

export function jsonataScope(rc: RunContext, states: StatesVariable): JsonataScope {
  return { states, variables: rc.variables?.all() ?? {}, host: rc.host };
}

export interface AssignSources {
  /** `$` of a JSONPath Assign. */
  data: Json;
  /** `$$` of a JSONPath Assign and `$states.context` of a JSONata one. */
  context: Json;
  /** `$states` of a JSONata Assign. */
  states: StatesVariable;
}

/** The values an Assign block gives (undefined when the state has none); nothing is stored yet. */
export async function evaluateAssign(
  ql: QueryLanguage,
  assign: JsonObject | undefined,
  rc: RunContext,
  sources: AssignSources,
): Promise<Record<string, Json> | undefined> {
  if (assign === undefined) return undefined;
  if (ql === 'JSONata')
    return (await evaluateTemplate(assign, 'Assign', jsonataScope(rc, sources.states))) as JsonObject;
  return resolvePayloadTemplate(assign, sources.data, sources.context, rc.host, rc.variables) as JsonObject;
}

/** A JSONata state's output: its Output template, else `fallback` (the result, or the input when there is none). */
export async function jsonataOutput(
  output: Json | undefined,
  fallback: Json,
  rc: RunContext,
  states: StatesVariable,
  field = 'Output',
): Promise<Json> {
  return output === undefined ? fallback : evaluateTemplate(output, field, jsonataScope(rc, states));
}
