import { selectChoice } from '../../choice/evaluate';
import { applyInputPath, applyOutputPath } from '../../paths/payload-template';
import type { ChoiceState } from '../../types';
import { exitState } from '../exit';
import { contextObject } from '../run-context';
import type { StateRunner } from '../run-states';

export const runChoice: StateRunner<ChoiceState> = async (name, state, input, rc, enteredEventId) => {
  const context = contextObject(rc, name, rc.host.now());
  const effective = applyInputPath(input, state.InputPath, context);
  const next = selectChoice(state, effective);
  const output = applyOutputPath(effective, state.OutputPath, context);
  return { output, next, lastEventId: exitState(rc, 'Choice', name, output, enteredEventId) };
};
