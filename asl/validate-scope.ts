/**
 * Walks a definition scope by scope: each state is checked against the schema of its type and query language,
 * then against the cross-field rules; Parallel branches and Map item processors are walked as scopes of their
 * own. State names and Map Run labels are collected across the whole definition, since both must be unique in it.
 */
import type { JsonObject } from './json';
import { isJsonObject } from './json';
import { checkJsonataSyntax } from './jsonata/syntax';
import { isStateType, labelProblem, stateSchema } from './schema';
import type { QueryLanguage } from './types';
import { checkChoiceRules } from './validate-choice';
import type { Faults } from './validate-faults';
import { checkSchema, pointer } from './validate-faults';
import { checkTransitions } from './validate-graph';
import { checkMapRules, processorKey } from './validate-map';
import { checkStateRules } from './validate-rules';

export interface WalkContext {
  faults: Faults;
  /** The definition's QueryLanguage: the default of every state, and once JSONata no state may be JSONPath. */
  topLevel: QueryLanguage;
  /** First path of each state name and Map Run label seen so far. */
  stateNames: Map<string, string>;
  labels: Map<string, string>;
}

const MAX_STATE_NAME = 80;

function asQueryLanguage(value: unknown): QueryLanguage | undefined {
  return value === 'JSONPath' || value === 'JSONata' ? value : undefined;
}

function checkStateName(name: string, at: string, ctx: WalkContext): void {
  if (name.length === 0) ctx.faults.add(at, 'INVALID_STATE_NAME', 'State name cannot be empty');
  if ([...name].length > MAX_STATE_NAME) {
    ctx.faults.add(at, 'INVALID_STATE_NAME', `State name cannot exceed ${MAX_STATE_NAME} characters: ${name}`);
  }
  const first = ctx.stateNames.get(name);
  if (first === undefined) ctx.stateNames.set(name, at);
  else ctx.faults.add(at, 'DUPLICATE_STATE_NAME', `Duplicate State name: ${name} (first defined at ${first})`);
}

function checkLabel(state: JsonObject, at: string, ctx: WalkContext): void {
  const label = state.Label;
  if (typeof label !== 'string' || labelProblem(label) !== undefined) return; // the schema reports bad labels
  const first = ctx.labels.get(label);
  if (first === undefined) ctx.labels.set(label, pointer(at, 'Label'));
  else ctx.faults.add(pointer(at, 'Label'), 'DUPLICATE_LABEL_NAME', `Duplicate Label: ${label} (also at ${first})`);
}

/** A nested scope's states default to the definition's language, not to the enclosing state's. */
function walkNested(scope: unknown, at: string, ctx: WalkContext): void {
  if (isJsonObject(scope)) walkScope(scope, at, asQueryLanguage(scope.QueryLanguage) ?? ctx.topLevel, ctx);
}

/** Checks one state and the scopes nested in it; its own transitions are checked by the enclosing scope. */
export function walkState(state: unknown, at: string, scopeQl: QueryLanguage, ctx: WalkContext): void {
  const { faults } = ctx;
  if (!isJsonObject(state)) {
    faults.schema(at, 'A state must be a JSON object');
    return;
  }
  const own = asQueryLanguage(state.QueryLanguage);
  if (ctx.topLevel === 'JSONata' && own === 'JSONPath') {
    faults.schema(
      pointer(at, 'QueryLanguage'),
      'A state cannot use JSONPath when the state machine QueryLanguage is JSONata',
    );
  }
  const type = state.Type;
  if (!isStateType(type)) {
    const message = type === undefined ? 'The field "Type" is required' : `Unknown state type: ${JSON.stringify(type)}`;
    faults.schema(pointer(at, 'Type'), message);
    return;
  }
  const ql = own ?? scopeQl;
  checkSchema(stateSchema(type, ql), state, at, faults);
  checkStateRules(state, type, at, faults);
  if (ql === 'JSONata') checkJsonataSyntax(state, at, faults);
  if (type === 'Choice') checkChoiceRules(state.Choices, pointer(at, 'Choices'), ql, faults);
  if (type === 'Parallel' && Array.isArray(state.Branches)) {
    state.Branches.forEach((branch, i) => walkNested(branch, pointer(at, 'Branches', i), ctx));
  }
  if (type === 'Map') {
    checkMapRules(state, at, ql, faults);
    checkLabel(state, at, ctx);
    const key = processorKey(state);
    if (key !== undefined) walkNested(state[key], pointer(at, key), ctx);
  }
}

export function walkScope(scope: JsonObject, at: string, ql: QueryLanguage, ctx: WalkContext): void {
  const states = scope.States;
  if (!isJsonObject(states)) return; // the scope's schema reports it
  for (const [name, state] of Object.entries(states)) {
    const stateAt = pointer(at, 'States', name);
    checkStateName(name, stateAt, ctx);
    walkState(state, stateAt, ql, ctx);
  }
  checkTransitions(scope, at, ctx.faults);
}
