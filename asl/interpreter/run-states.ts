/**
 * Runs a sequence of states (the machine itself, a Parallel branch or a Map iteration) from StartAt (or from a
 * given state, which redrive uses) until a state ends the branch.
 */
import { isStatesError, runtimeError, StatesError, StatesErrors } from '../errors';
import { payload } from '../events';
import { isQueryEvaluationError } from '../jsonata/errors';
import type { Json } from '../json';
import type { Branch, State } from '../types';
import { StateAborted, StateFailure } from './failed-or-aborted';
import type { RunContext } from './run-context';
import type { StateResult } from './state-runner';
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
  // Nested scopes default to the definition's language unless they name their own (as the validator reads them).
  rc = { ...rc, scopeQueryLanguage: branch.QueryLanguage ?? rc.topQueryLanguage };
  let name: string | undefined = startAt;
  let data = input;
  let previous = previousEventId;
  while (name !== undefined) {
    const state = branch.States[name];
    if (!state) throw new StateFailure(runtimeError(name, previous, `State '${name}' does not exist.`), previous);
    rc.onEnterState?.(branch, name, data, rc);
    if (rc.branches && rc.branchPath?.length) {
      rc.branches.entered(rc.branchPath, name, data, rc.variables?.ownValues() ?? {});
    }
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
  if (isStatesError(error)) return failureFrom(error, stateName, enteredEventId, rc);
  throw error;
}

/**
 * A StatesError a state threw, as the failure it propagates. A JSONata evaluation failure is first recorded as
 * EvaluationFailed, linked (as AWS links it) to the event the state's Entered event follows.
 */
export function failureFrom(
  error: StatesError,
  stateName: string,
  enteredEventId: number,
  rc: RunContext,
): StateFailure {
  const failure = prefixRuntime(error, stateName, enteredEventId);
  if (!isQueryEvaluationError(error)) return new StateFailure(failure, rc.log.lastId);
  const entered = rc.log.all()[enteredEventId - 1];
  const evaluationFailedId = rc.log.add('EvaluationFailed', entered?.previousEventId ?? rc.log.lastId, {
    cause: failure.cause,
    error: failure.error,
    location: error.location,
    state: stateName,
  });
  return new StateFailure(failure, evaluationFailedId);
}

/** Runtime faults and JSONata evaluation faults name the state and its Entered event, as AWS prefixes them. */
export function prefixRuntime(error: StatesError, stateName: string, enteredEventId: number): StatesError {
  const prefixed = error.error === StatesErrors.Runtime || isQueryEvaluationError(error);
  if (!prefixed || error.cause?.startsWith('An error occurred while executing')) return error;
  if (error.error === StatesErrors.Runtime) return runtimeError(stateName, enteredEventId, error.cause ?? '');
  const cause = `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${error.cause ?? ''}`;
  return new StatesError(error.error, cause);
}
