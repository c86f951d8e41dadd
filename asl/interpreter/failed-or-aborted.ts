/**
 * How a state ends when it does not return a StateResult (state-runner.ts): it throws StateFailure, a failure to
 * propagate to a Catch or to the execution (with the id of the event it follows, for previousEventId), or
 * StateAborted, because surrounding work was cancelled. asStateOutcome is the one place that turns whatever a
 * state threw into one of the two.
 */
import { isStatesError, runtimeError, StatesError, StatesErrors } from '../errors';
import { isQueryEvaluationError } from '../jsonata/errors';
import type { RunContext } from './run-context';

export class StateFailure extends Error {
  /** The type of the state the failure came out of (set by the innermost state), for `<Type>StateAborted`. */
  stateType?: string;

  constructor(
    readonly failure: StatesError,
    readonly lastEventId: number,
  ) {
    super(failure.message);
    this.name = 'StateFailure';
  }
}

export class StateAborted extends Error {
  constructor(readonly lastEventId: number) {
    super('aborted');
    this.name = 'StateAborted';
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
