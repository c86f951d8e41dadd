/**
 * Transitions within one scope (the top-level States, a Parallel branch or a Map item processor): every target
 * must exist in the same scope, every state must be reachable from StartAt, and something must end the scope.
 * Scopes are closed: a branch cannot jump out, and nothing outside can jump in.
 */
import type { JsonObject } from './json';
import { isJsonObject } from './json';
import type { Faults } from './validate-faults';
import { pointer } from './validate-faults';

export const MISSING_TRANSITION_TARGET = 'MISSING_TRANSITION_TARGET';
export const UNREACHABLE_STATE = 'UNREACHABLE_STATE';
export const MISSING_END_STATE = 'MISSING_END_STATE';

interface Transition {
  field: string;
  target: string;
  path: string;
}

function listTargets(list: unknown, at: string, key: string, out: Transition[]): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    if (isJsonObject(entry) && typeof entry.Next === 'string') {
      out.push({ field: 'Next', target: entry.Next, path: pointer(at, key, i, 'Next') });
    }
  });
}

/** Every transition a state declares: Next, a Choice's Default and rule targets, each catcher's Next. */
export function transitionsOf(state: JsonObject, at: string): Transition[] {
  const out: Transition[] = [];
  for (const field of ['Next', 'Default']) {
    const target = state[field];
    if (typeof target === 'string') out.push({ field, target, path: pointer(at, field) });
  }
  listTargets(state.Choices, at, 'Choices', out);
  listTargets(state.Catch, at, 'Catch', out);
  return out;
}

function isTerminal(state: unknown): boolean {
  return isJsonObject(state) && (state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true);
}

/** `scope` holds StartAt and States; `at` points at the scope (the root is ""). */
export function checkTransitions(scope: JsonObject, at: string, faults: Faults): void {
  const states = scope.States;
  if (!isJsonObject(states)) return;
  const exists = (name: string) => Object.hasOwn(states, name);
  const startAt = scope.StartAt;
  const startValid = typeof startAt === 'string' && exists(startAt);
  if (typeof startAt === 'string' && !startValid) {
    faults.add(pointer(at, 'StartAt'), MISSING_TRANSITION_TARGET, `Missing 'StartAt' target: ${startAt}`);
  }

  const edges = new Map<string, string[]>();
  for (const [name, state] of Object.entries(states)) {
    const transitions = isJsonObject(state) ? transitionsOf(state, pointer(at, 'States', name)) : [];
    for (const t of transitions.filter((t) => !exists(t.target))) {
      faults.add(t.path, MISSING_TRANSITION_TARGET, `Missing '${t.field}' target: ${t.target}`);
    }
    edges.set(name, transitions.map((t) => t.target).filter(exists));
  }

  // Reachability is only meaningful from a real start; without one every state would be reported.
  if (startValid) {
    const seen = new Set<string>([startAt]);
    const queue = [startAt];
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      for (const next of edges.get(name) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    for (const name of Object.keys(states).filter((n) => !seen.has(n))) {
      faults.add(pointer(at, 'States', name), UNREACHABLE_STATE, `State '${name}' is not reachable from StartAt`);
    }
  }

  const names = Object.keys(states);
  if (names.length > 0 && !names.some((name) => isTerminal(states[name]))) {
    faults.add(
      pointer(at, 'States'),
      MISSING_END_STATE,
      'No terminal state: add a Succeed or Fail state or "End": true',
    );
  }
}
