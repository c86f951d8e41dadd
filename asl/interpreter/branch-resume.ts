/**
 * How a Parallel or Inline Map state uses the branch memory (branch-memory.ts): the first attempt after a redrive
 * reuses the outputs of the branches that succeeded and resumes the others where they stopped; every other attempt
 * runs all branches from their start. Once the state has exited, what its branches did is forgotten.
 */
import { StatesErrors } from '../errors';
import type { Json } from '../json';
import type { Branch } from '../types';
import type { BranchPath, BranchRecord } from './branch-memory';
import { StateFailure } from './failed-or-aborted';
import { branchContext, type RunContext } from './run-context';
import type { BranchResult, RunStates, StateResult } from './state-runner';

export function statePathOf(rc: RunContext, stateName: string): BranchPath {
  return [...(rc.branchPath ?? []), stateName];
}

/**
 * Runs a Parallel or Map state (with its Retry and Catch) and keeps the branch memory in step: forgotten when the
 * state exits, kept when it fails (a redrive needs it), unless the failure was States.DataLimitExceeded, after
 * which a redrive runs the whole state again (sfn-spec §3.5).
 */
export async function withBranchMemory(
  rc: RunContext,
  stateName: string,
  run: () => Promise<StateResult>,
): Promise<StateResult> {
  const statePath = statePathOf(rc, stateName);
  try {
    const result = await run();
    rc.branches?.forgetInside(statePath);
    return result;
  } catch (error) {
    if (error instanceof StateFailure && error.failure.error === StatesErrors.DataLimitExceeded) {
      rc.branches?.forgetInside(statePath);
    }
    throw error;
  }
}

/**
 * At the start of one attempt of the state: what each of its `count` branches did before a redrive (only for the
 * first attempt after one), and a clean slate for what this attempt's branches will do.
 */
export function earlierBranches(rc: RunContext, stateName: string, count: number): (BranchRecord | undefined)[] {
  const statePath = statePathOf(rc, stateName);
  const memory = rc.branches;
  if (!memory) return new Array<undefined>(count).fill(undefined);
  const earlier = Array.from({ length: count }, (_, index) => memory.take([...statePath, index]));
  memory.forgetInside(statePath);
  return earlier;
}

/** A branch that succeeded before the redrive: its output again, remembered for a later redrive too. */
export function reusedOutput(rc: RunContext, stateName: string, index: number, earlier?: BranchRecord) {
  if (!earlier?.output) return undefined;
  rc.branches?.succeeded([...statePathOf(rc, stateName), index], earlier.output.value);
  return earlier.output;
}

/**
 * Runs one branch: from the state it had stopped at (with that state's input and the branch's own variables) when
 * it is being redriven, else from its start with `input()`. Its output is remembered for a later redrive.
 */
export async function runBranch(
  runStates: RunStates,
  rc: RunContext,
  stateName: string,
  index: number,
  branch: Branch,
  input: () => Promise<Json> | Json,
  previousEventId: number,
  earlier?: BranchRecord,
): Promise<BranchResult> {
  const from = earlier?.lastEntered;
  const context = branchContext(rc, stateName, index, from?.variables);
  const result = from
    ? await runStates(branch, from.input, context, previousEventId, from.name)
    : await runStates(branch, await input(), context, previousEventId);
  rc.branches?.succeeded(context.branchPath!, result.output);
  return result;
}
