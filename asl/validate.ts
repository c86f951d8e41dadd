/**
 * Definition validation, as CreateStateMachine does it: every fault is reported (not just the first), each with
 * the JSON Pointer of the offending field and an AWS-style code (SCHEMA_VALIDATION_FAILED,
 * MISSING_TRANSITION_TARGET, UNREACHABLE_STATE, MISSING_END_STATE, DUPLICATE_STATE_NAME, INVALID_STATE_NAME,
 * INVALID_LABEL_NAME, DUPLICATE_LABEL_NAME, INVALID_RESOURCE). A valid definition comes back normalised (legacy
 * Map fields renamed, see validate-normalise.ts) and typed.
 */
import { isJsonObject } from './json';
import { machineSchema } from './schema';
import type { QueryLanguage, State, StateMachineDefinition } from './types';
import type { DefinitionFault } from './validate-faults';
import { checkSchema, Faults } from './validate-faults';
import { normaliseDefinition, normaliseState } from './validate-normalise';
import type { WalkContext } from './validate-scope';
import { walkScope, walkState } from './validate-scope';

export type { DefinitionFault } from './validate-faults';

export type ValidationResult =
  { ok: true; definition: StateMachineDefinition } | { ok: false; faults: DefinitionFault[] };
export type StateValidationResult = { ok: true; state: State } | { ok: false; faults: DefinitionFault[] };

function context(queryLanguage: unknown): WalkContext {
  const topLevel: QueryLanguage = queryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  return { faults: new Faults(), topLevel, stateNames: new Map(), labels: new Map() };
}

function notAnObject(what: string): { ok: false; faults: DefinitionFault[] } {
  const faults = new Faults();
  faults.schema('', `The ${what} must be a JSON object`);
  return { ok: false, faults: faults.list };
}

export function validateDefinition(definition: unknown): ValidationResult {
  if (!isJsonObject(definition)) return notAnObject('state machine definition');
  const ctx = context(definition.QueryLanguage);
  checkSchema(machineSchema, definition, '', ctx.faults);
  walkScope(definition, '', ctx.topLevel, ctx);
  if (ctx.faults.list.length > 0) return { ok: false, faults: ctx.faults.list };
  return { ok: true, definition: normaliseDefinition(definition) as unknown as StateMachineDefinition };
}

/**
 * A single state as the TestState API takes it: checked like a state of a definition, and its nested scopes in
 * full, but its own Next/Default/Catch targets are not looked up, since the states they name are not given.
 */
export function validateStateDefinition(state: unknown): StateValidationResult {
  if (!isJsonObject(state)) return notAnObject('state definition');
  const ctx = context(state.QueryLanguage);
  walkState(state, '', ctx.topLevel, ctx);
  if (ctx.faults.list.length > 0) return { ok: false, faults: ctx.faults.list };
  return { ok: true, state: normaliseState(state) as unknown as State };
}

/** The message CreateStateMachine puts in its InvalidDefinition error. */
export function formatInvalidDefinition(faults: DefinitionFault[]): string {
  const parts = faults.map((f) => `'${f.code}: ${f.message} at ${f.path === '' ? '/' : f.path}'`);
  return `Invalid State Machine Definition: ${parts.join(', ')}`;
}
