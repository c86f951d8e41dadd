/**
 * The one rewrite validation makes: a Map's legacy `Iterator` becomes `ItemProcessor` and its legacy `Parameters`
 * becomes `ItemSelector`, at every depth, so the rest of the engine reads a single spelling. Works on a copy; key
 * order and everything else stay as written.
 */
import type { Json, JsonObject } from './json';
import { cloneJson, isJsonObject } from './json';

const LEGACY_MAP_FIELDS: Readonly<Record<string, string>> = { Iterator: 'ItemProcessor', Parameters: 'ItemSelector' };

function renameKeys(obj: JsonObject, renames: Readonly<Record<string, string>>): JsonObject {
  return Object.fromEntries(Object.entries(obj).map(([key, value]) => [renames[key] ?? key, value]));
}

function normaliseScope(scope: Json | undefined): void {
  if (!isJsonObject(scope) || !isJsonObject(scope.States)) return;
  const states = scope.States;
  for (const [name, state] of Object.entries(states)) {
    if (!isJsonObject(state)) continue;
    const normalised = state.Type === 'Map' ? renameKeys(state, LEGACY_MAP_FIELDS) : state;
    states[name] = normalised;
    if (Array.isArray(normalised.Branches)) normalised.Branches.forEach(normaliseScope);
    normaliseScope(normalised.ItemProcessor);
  }
}

/** Only called on a valid definition, where the legacy and current spellings never appear together. */
export function normaliseDefinition<T extends JsonObject>(definition: T): T {
  const copy = cloneJson(definition);
  normaliseScope(copy);
  return copy;
}

/** The same rewrite for a lone state (TestState): the state is wrapped as a one-state scope. */
export function normaliseState<T extends JsonObject>(state: T): T {
  const scope = normaliseDefinition({ States: { state } });
  return scope.States.state as T;
}
