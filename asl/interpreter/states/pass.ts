import { applyInputPath, applyOutputPath, applyResultPath, resolvePayloadTemplate } from '../../paths/payload-template';
import type { PassState } from '../../types';
import { exitState } from '../exit';
import { contextObject } from '../run-context';
import type { StateRunner } from '../run-states';

export const runPass: StateRunner<PassState> = async (name, state, input, rc, enteredEventId) => {
  const context = contextObject(rc, name, rc.host.now());
  const effective = applyInputPath(input, state.InputPath, context);
  const parameters =
    state.Parameters !== undefined ? resolvePayloadTemplate(state.Parameters, effective, context, rc.host) : effective;
  const result = state.Result !== undefined ? state.Result : parameters;
  const output = applyOutputPath(applyResultPath(input, result, state.ResultPath), state.OutputPath, context);
  const lastEventId = exitState(rc, 'Pass', name, output, enteredEventId);
  return { output, next: state.Next, lastEventId };
};
