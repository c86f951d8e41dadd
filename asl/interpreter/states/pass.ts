import { applyInputPath, applyOutputPath, applyResultPath, resolvePayloadTemplate } from '../../paths/payload-template';
import type { PassState } from '../../types';
import { exitState } from '../state-exited';
import { evaluateAssign, jsonataOutput } from '../query';
import { contextObject, queryLanguageOf } from '../run-context';
import type { StateRunner } from '../state-runner';

export const runPass: StateRunner<PassState> = async (name, state, input, rc, enteredEventId) => {
  const context = contextObject(rc, name, rc.host.now());
  const ql = queryLanguageOf(state, rc);
  if (ql === 'JSONata') {
    const states = { input, context };
    const assigned = await evaluateAssign(ql, state.Assign, rc, { data: input, context, states });
    const output = await jsonataOutput(state.Output, input, rc, states);
    return { output, next: state.Next, lastEventId: exitState(rc, 'Pass', name, output, enteredEventId, assigned) };
  }
  const effective = applyInputPath(input, state.InputPath, context, rc.variables);
  const parameters =
    state.Parameters !== undefined
      ? resolvePayloadTemplate(state.Parameters, effective, context, rc.host, rc.variables)
      : effective;
  const result = state.Result !== undefined ? state.Result : parameters;
  const assigned = await evaluateAssign(ql, state.Assign, rc, { data: result, context, states: { input, context } });
  const output = applyOutputPath(
    applyResultPath(input, result, state.ResultPath),
    state.OutputPath,
    context,
    rc.variables,
  );
  const lastEventId = exitState(rc, 'Pass', name, output, enteredEventId, assigned);
  return { output, next: state.Next, lastEventId };
};
