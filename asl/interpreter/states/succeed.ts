import { applyInputPath, applyOutputPath } from '../../paths/payload-template';
import type { SucceedState } from '../../types';
import { exitState } from '../state-exited';
import { jsonataOutput } from '../query';
import { contextObject, queryLanguageOf } from '../run-context';
import type { StateRunner } from '../state-runner';

export const runSucceed: StateRunner<SucceedState> = async (name, state, input, rc, enteredEventId) => {
  const context = contextObject(rc, name, rc.host.now());
  const output =
    queryLanguageOf(state, rc) === 'JSONata'
      ? await jsonataOutput(state.Output, input, rc, { input, context })
      : applyOutputPath(
          applyInputPath(input, state.InputPath, context, rc.variables),
          state.OutputPath,
          context,
          rc.variables,
        );
  return { output, lastEventId: exitState(rc, 'Succeed', name, output, enteredEventId) };
};
