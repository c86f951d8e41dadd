import { StatesError } from '../../errors';
import { selectPath } from '../../paths/jsonpath';
import type { Json } from '../../json';
import type { FailState } from '../../types';
import type { StateRunner } from '../run-states';
import { StateFailure } from '../outcome';

/** Fail writes only FailStateEntered; the error and cause travel up to ExecutionFailed or a Catch. */
export const runFail: StateRunner<FailState> = async (_name, state, input, _rc, enteredEventId) => {
  const error = state.ErrorPath !== undefined ? stringAt(input, state.ErrorPath, 'ErrorPath') : state.Error;
  const cause = state.CausePath !== undefined ? stringAt(input, state.CausePath, 'CausePath') : state.Cause;
  // An absent Error stays absent in ExecutionFailed (recorded AWS behaviour), so '' stands for "no error name".
  throw new StateFailure(new StatesError(error ?? '', cause), enteredEventId);
};

function stringAt(input: Json, path: string, field: string): string {
  const value = selectPath(input, path);
  if (typeof value !== 'string') {
    throw new StatesError(
      'States.Runtime',
      `The ${field} '${path}' must point to a string but was: ${JSON.stringify(value)}`,
    );
  }
  return value;
}
