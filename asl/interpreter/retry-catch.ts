/**
 * Retry and Catch around a Task, Parallel or Map state (one attempt = one run of `attempt`). Retry counters live
 * here, so a redriven state starts with its full budget again (sfn-spec §3.5).
 */
import { StatesErrors } from '../errors';
import { applyResultPath } from '../paths/payload-template';
import { findCatcher, findRetrier, maxAttempts, retryDelayMs } from '../retry';
import type { Json } from '../json';
import type { Catcher, QueryLanguage, Retrier } from '../types';
import { exitState } from './state-exited';
import { failureFrom, prefixRuntime, StateAborted, StateFailure } from './failed-or-aborted';
import { evaluateAssign, jsonataOutput } from './query';
import { contextObject, type RunContext } from './run-context';

export interface AttemptResult {
  output: Json;
  lastEventId: number;
  /** The event `<Type>StateExited` points at when it is not the last one (a Distributed Map: MapRunStarted). */
  exitPreviousEventId?: number;
  /** The state's Assign values, stored when it exits. */
  assigned?: Record<string, Json>;
}

interface RetryCatchOptions {
  name: string;
  type: 'Task' | 'Parallel' | 'Map';
  state: { Retry?: Retrier[]; Catch?: Catcher[]; Next?: string };
  input: Json;
  enteredEventId: number;
  rc: RunContext;
  /** The state's query language: a catcher's Output/Assign (JSONata) or ResultPath/Assign (JSONPath). */
  ql: QueryLanguage;
  /** One attempt; `retryCount` feeds `$$.State.RetryCount`, `previous` is the event the attempt follows. */
  attempt: (retryCount: number, previous: number) => Promise<AttemptResult>;
}

export async function withRetryAndCatch(options: RetryCatchOptions) {
  const { name, type, state, enteredEventId, rc } = options;
  const retriesUsed = new Map<number, number>();
  let previous = enteredEventId;
  let retryCount = 0;
  for (;;) {
    let failure: StateFailure;
    try {
      const result = await options.attempt(retryCount, previous);
      const exitPrevious = result.exitPreviousEventId ?? result.lastEventId;
      const lastEventId = exitState(rc, type, name, result.output, exitPrevious, result.assigned);
      return { output: result.output, next: state.Next, lastEventId };
    } catch (error) {
      failure = toFailure(error, name, enteredEventId, rc);
    }
    const { failure: statesError } = failure;
    const found = findRetrier(state.Retry, statesError.error);
    const used = found ? (retriesUsed.get(found.index) ?? 0) : 0;
    if (found && used < maxAttempts(found.retrier)) {
      retriesUsed.set(found.index, used + 1);
      await sleepOrAbort(
        retryDelayMs(found.retrier, used, () => rc.host.random()),
        rc,
        failure.lastEventId,
        type,
      );
      previous = failure.lastEventId;
      retryCount++;
      continue;
    }
    // Parallel and Map write <Type>StateFailed once retries are spent; definition faults (States.Runtime) fail
    // the execution directly, as recorded on AWS.
    let lastEventId = failure.lastEventId;
    if (type !== 'Task' && statesError.error !== StatesErrors.Runtime) {
      lastEventId = rc.log.add(`${type}StateFailed`, lastEventId);
    }
    const catcher = findCatcher(state.Catch, statesError.error);
    if (!catcher) throw new StateFailure(statesError, lastEventId);
    const caught = await catcherOutcome(options, catcher, statesError.toErrorOutput() as Json, retryCount);
    return {
      output: caught.output,
      next: catcher.Next,
      lastEventId: exitState(rc, type, name, caught.output, lastEventId, caught.assigned),
    };
  }
}

/** A matching catcher's output and assignments; `$states.errorOutput` (JSONata) or `$` (JSONPath) is the error. */
async function catcherOutcome(options: RetryCatchOptions, catcher: Catcher, errorOutput: Json, retryCount: number) {
  const { rc, name, input, ql } = options;
  const context = contextObject(rc, name, rc.host.now(), retryCount);
  const states = { input, context, errorOutput };
  const assigned = await evaluateAssign(ql, catcher.Assign, rc, { data: errorOutput, context, states });
  const output =
    ql === 'JSONata'
      ? await jsonataOutput(catcher.Output, errorOutput, rc, states)
      : applyResultPath(input, errorOutput, catcher.ResultPath);
  return { output, assigned };
}

function toFailure(error: unknown, name: string, enteredEventId: number, rc: RunContext): StateFailure {
  if (error instanceof StateFailure)
    return new StateFailure(prefixRuntime(error.failure, name, enteredEventId), error.lastEventId);
  if (error instanceof StateAborted) throw error;
  if (rc.host.isCancellation(error)) throw new StateAborted(rc.log.lastId);
  if (typeof error === 'object' && error !== null && (error as { name?: string }).name === 'StatesError') {
    return failureFrom(error as ConstructorParameters<typeof StateFailure>[0], name, enteredEventId, rc);
  }
  throw error;
}

async function sleepOrAbort(ms: number, rc: RunContext, previous: number, type: string): Promise<void> {
  if (ms <= 0) return;
  try {
    await rc.host.sleep(ms);
  } catch (error) {
    if (!rc.host.isCancellation(error)) throw error;
    throw new StateAborted(rc.log.add(`${type}StateAborted`, previous));
  }
}
