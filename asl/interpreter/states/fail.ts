import { StatesError } from '../../errors';
import type { Json } from '../../json';
import { evaluateTyped } from '../../jsonata/template';
import { evaluateIntrinsic, isIntrinsicCall } from '../../intrinsics';
import { selectReference } from '../../paths/references';
import type { FailState } from '../../types';
import type { StateRunner } from '../state-runner';
import { StateFailure } from '../failed-or-aborted';
import { jsonataScope } from '../query';
import { contextObject, queryLanguageOf, type RunContext } from '../run-context';

/** Fail writes only FailStateEntered; the error and cause travel up to ExecutionFailed or a Catch. */
export const runFail: StateRunner<FailState> = async (name, state, input, rc, enteredEventId) => {
  const context = contextObject(rc, name, rc.host.now());
  let error: string | undefined;
  let cause: string | undefined;
  if (queryLanguageOf(state, rc) === 'JSONata') {
    const scope = jsonataScope(rc, { input, context });
    if (state.Error !== undefined) error = (await evaluateTyped(state.Error, 'Error', 'string', scope)) as string;
    if (state.Cause !== undefined) cause = (await evaluateTyped(state.Cause, 'Cause', 'string', scope)) as string;
  } else {
    error = state.ErrorPath !== undefined ? stringAt(input, context, rc, state.ErrorPath, 'ErrorPath') : state.Error;
    cause = state.CausePath !== undefined ? stringAt(input, context, rc, state.CausePath, 'CausePath') : state.Cause;
  }
  // An absent Error stays absent in ExecutionFailed (recorded AWS behaviour), so '' stands for "no error name".
  throw new StateFailure(new StatesError(error ?? '', cause), enteredEventId);
};

/** ErrorPath / CausePath: a path into the input, the context or a variable, or an intrinsic function. */
function stringAt(input: Json, context: Json, rc: RunContext, path: string, field: string): string {
  const value = isIntrinsicCall(path)
    ? evaluateIntrinsic(path, input, context, rc.host, rc.variables)
    : selectReference(path, { data: input, context, variables: rc.variables });
  if (typeof value !== 'string') {
    throw new StatesError(
      'States.Runtime',
      `The ${field} '${path}' must point to a string but was: ${JSON.stringify(value)}`,
    );
  }
  return value;
}
