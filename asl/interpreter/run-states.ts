/**
 * Runs a sequence of states (the machine itself, a Parallel branch or a Map iteration) from StartAt (or from a
 * given state, which redrive uses) until a state ends the branch.
 */
import { isStatesError, runtimeError, StatesErrors, type StatesError } from '../errors';
import { payload } from '../events';
import type { Json } from '../json';
import type { Branch, State } from '../types';
import { StateAborted, StateFailure } from './outcome';
import type { RunContext } from './run-context';
import type { StateResult } from './state-result';
import { runChoice } from './states/choice';
import { runFail } from './states/fail';
import { runMap } from './states/map';
import { runParallel } from './states/parallel';
import { runPass } from './states/pass';
import { runSucceed } from './states/succeed';
import { runTask } from './states/task';
import { runWait } from './states/wait';

export interface BranchResult {
  output: Json;
  lastEventId: number;
}

export async function runStates(
  branch: Branch,
  input: Json,
  rc: RunContext,
  previousEventId: number,
  startAt: string = branch.StartAt,
): Promise<BranchResult> {
  let name: string | undefined = startAt;
  let data = input;
  let previous = previousEventId;
  while (name !== undefined) {
    const state = branch.States[name];
    if (!state) throw new StateFailure(runtimeError(name, previous, `State '${name}' does not exist.`), previous);
    const result = await runState(name, state, data, rc, previous);
    data = result.output;
    previous = result.lastEventId;
    name = result.next;
  }
  return { output: data, lastEventId: previous };
}

export type StateRunner<S extends State> = (
  name: string,
  state: S,
  input: Json,
  rc: RunContext,
  enteredEventId: number,
) => Promise<StateResult>;

async function runState(
  name: string,
  state: State,
  input: Json,
  rc: RunContext,
  previous: number,
): Promise<StateResult> {
  const enteredEventId = rc.log.add(`${state.Type}StateEntered`, previous, {
    name,
    input: payload(input),
    inputDetails: { truncated: false },
  });
  try {
    switch (state.Type) {
      case 'Pass':
        return await runPass(name, state, input, rc, enteredEventId);
      case 'Task':
        return await runTask(name, state, input, rc, enteredEventId);
      case 'Choice':
        return await runChoice(name, state, input, rc, enteredEventId);
      case 'Wait':
        return await runWait(name, state, input, rc, enteredEventId);
      case 'Succeed':
        return await runSucceed(name, state, input, rc, enteredEventId);
      case 'Fail':
        return await runFail(name, state, input, rc, enteredEventId);
      case 'Parallel':
        return await runParallel(name, state, input, rc, enteredEventId);
      case 'Map':
        return await runMap(name, state, input, rc, enteredEventId);
    }
  } catch (error) {
    const outcome = asStateOutcome(error, name, enteredEventId, rc);
    if (outcome instanceof StateFailure) outcome.stateType ??= state.Type;
    throw outcome;
  }
}

/** Normalises whatever a state threw into StateFailure / StateAborted, prefixing runtime faults as AWS does. */
export function asStateOutcome(error: unknown, stateName: string, enteredEventId: number, rc: RunContext): Error {
  if (error instanceof StateFailure || error instanceof StateAborted) return error;
  if (rc.host.isCancellation(error)) return new StateAborted(rc.log.lastId);
  if (isStatesError(error)) return new StateFailure(prefixRuntime(error, stateName, enteredEventId), rc.log.lastId);
  throw error;
}

export function prefixRuntime(error: StatesError, stateName: string, enteredEventId: number): StatesError {
  if (error.error !== StatesErrors.Runtime || error.cause?.startsWith('An error occurred while executing'))
    return error;
  return runtimeError(stateName, enteredEventId, error.cause ?? '');
}
