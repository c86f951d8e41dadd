import { applyInputPath, applyOutputPath } from '../../paths/payload-template';
import type { SucceedState } from '../../types';
import { exitState } from '../exit';
import { contextObject } from '../run-context';
import type { StateRunner } from '../run-states';

export const runSucceed: StateRunner<SucceedState> = async (name, state, input, rc, enteredEventId) => {
  const context = contextObject(rc, name, rc.host.now());
  const output = applyOutputPath(applyInputPath(input, state.InputPath, context), state.OutputPath, context);
  return { output, lastEventId: exitState(rc, 'Succeed', name, output, enteredEventId) };
};
