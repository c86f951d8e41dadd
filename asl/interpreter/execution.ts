/**
 * One run of a state machine from ExecutionStarted to its closing event. Stop and timeout are decided by the
 * caller (it cancels the run and writes ExecutionAborted / ExecutionTimedOut after the StateAborted it gets back).
 */
import { payload } from '../events';
import type { Json } from '../json';
import type { StateMachineDefinition } from '../types';
import { VariableScope } from '../variables/scope';
import { StateAborted, StateFailure } from './failed-or-aborted';
import type { RunContext } from './run-context';
import { runStates } from './run-states';

export type ExecutionOutcome =
  | { status: 'SUCCEEDED'; output: Json; lastEventId: number }
  | { status: 'FAILED'; error?: string; cause?: string; lastEventId: number }
  | { status: 'ABORTED'; lastEventId: number };

export function recordExecutionStarted(rc: RunContext, input: Json, roleArn: string): number {
  return rc.log.add('ExecutionStarted', 0, () => ({
    input: payload(input),
    inputDetails: { truncated: false },
    roleArn,
  }));
}

/**
 * Runs the machine (from `startAt` when redriving, with the top-level `variables` the first attempt had) and
 * writes ExecutionSucceeded / ExecutionFailed.
 */
export async function runExecution(
  definition: StateMachineDefinition,
  input: Json,
  rc: RunContext,
  previousEventId = 0,
  startAt?: string,
  variables?: Record<string, Json>,
): Promise<ExecutionOutcome> {
  rc = {
    ...rc,
    topQueryLanguage: definition.QueryLanguage ?? 'JSONPath',
    variables: rc.variables ?? new VariableScope(undefined, variables),
  };
  try {
    const result = await runStates(definition, input, rc, previousEventId, startAt);
    const lastEventId = rc.log.add('ExecutionSucceeded', result.lastEventId, () => ({
      output: payload(result.output),
      outputDetails: { truncated: false },
    }));
    return { status: 'SUCCEEDED', output: result.output, lastEventId };
  } catch (error) {
    if (error instanceof StateAborted) return { status: 'ABORTED', lastEventId: error.lastEventId };
    if (!(error instanceof StateFailure)) throw error;
    const { error: name, cause } = error.failure;
    const details = { error: name === '' ? undefined : name, cause };
    return { status: 'FAILED', ...details, lastEventId: rc.log.add('ExecutionFailed', error.lastEventId, details) };
  }
}
