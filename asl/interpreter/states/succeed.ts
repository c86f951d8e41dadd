import { applyInputPath, applyOutputPath } from '../../paths/payload-template';
import type { SucceedState } from '../../types';
import { exitState } from '../exit';
import type { StateRunner } from '../run-states';

export const runSucceed: StateRunner<SucceedState> = async (name, state, input, rc, enteredEventId) => {
  const output = applyOutputPath(applyInputPath(input, state.InputPath), state.OutputPath);
  return { output, lastEventId: exitState(rc, 'Succeed', name, output, enteredEventId) };
};
