/**
 * The most task handler calls one run of a branch can make (a redrive plan's `maxHandlerCalls`, messages/
 * redrive-plan.ts): every Task state it holds, each with its first attempt and every retry its Retry allows (default
 * MaxAttempts 3), a Parallel's branches as often as the Parallel itself may be attempted. An upper bound: a run takes
 * one path through Choices and Catches, and stops at its first unhandled failure. Unbounded (undefined) when the
 * branch can loop, or holds a Map state, whose item count is known only when it runs.
 */
import type { Branch, ChoiceRule, Retrier, State } from './types';

const DEFAULT_MAX_ATTEMPTS = 3;

export function mostHandlerCalls(branch: Branch): number | undefined {
  if (hasLoop(branch)) return undefined;
  let total = 0;
  for (const state of Object.values(branch.States)) {
    const calls = stateCalls(state);
    if (calls === undefined) return undefined;
    total += calls;
  }
  return total;
}

function stateCalls(state: State): number | undefined {
  if (state.Type === 'Task') return attempts(state.Retry);
  if (state.Type === 'Map') return undefined;
  if (state.Type !== 'Parallel') return 0;
  let perAttempt = 0;
  for (const branch of state.Branches) {
    const calls = mostHandlerCalls(branch);
    if (calls === undefined) return undefined;
    perAttempt += calls;
  }
  return perAttempt * attempts(state.Retry);
}

/** The first attempt and every retry: each retrier counts its own attempts, so they add up. */
function attempts(retry: Retrier[] | undefined): number {
  return 1 + (retry ?? []).reduce((sum, r) => sum + Math.max(0, r.MaxAttempts ?? DEFAULT_MAX_ATTEMPTS), 0);
}

/** Whether some state can be reached again from itself (Next, Choice rules and Default, Catch). */
function hasLoop(branch: Branch): boolean {
  const done = new Set<string>();
  const onPath = new Set<string>();
  const visit = (name: string): boolean => {
    if (onPath.has(name)) return true;
    if (done.has(name) || !branch.States[name]) return false;
    onPath.add(name);
    const looped = nextStates(branch.States[name]!).some(visit);
    onPath.delete(name);
    done.add(name);
    return looped;
  };
  return Object.keys(branch.States).some(visit);
}

function nextStates(state: State): string[] {
  const next: string[] = [];
  if ('Next' in state && typeof state.Next === 'string') next.push(state.Next);
  if (state.Type === 'Choice') {
    state.Choices.forEach((rule: ChoiceRule) => rule.Next !== undefined && next.push(rule.Next));
    if (state.Default !== undefined) next.push(state.Default);
  }
  if ('Catch' in state) for (const c of state.Catch ?? []) next.push(c.Next);
  return next;
}
