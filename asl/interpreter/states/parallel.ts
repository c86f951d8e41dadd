import { applyInputPath, applyOutputPath, applyResultPath, resolvePayloadTemplate } from '../../paths/payload-template';
import type { Json } from '../../json';
import type { ParallelState } from '../../types';
import { fanOut } from '../fan-out';
import { withRetryAndCatch } from '../retry-catch';
import { contextObject } from '../run-context';
import { runStates, type StateRunner } from '../run-states';

export const runParallel: StateRunner<ParallelState> = (name, state, input, rc, enteredEventId) =>
  withRetryAndCatch({
    name,
    type: 'Parallel',
    state,
    input,
    enteredEventId,
    rc,
    attempt: async (retryCount, previous) => {
      const context = contextObject(rc, name, rc.host.now(), retryCount);
      const effective = applyInputPath(input, state.InputPath, context);
      const branchInput =
        state.Parameters !== undefined
          ? resolvePayloadTemplate(state.Parameters, effective, context, rc.host)
          : effective;
      const startedId = rc.log.add('ParallelStateStarted', previous);
      const branches = await fanOut(rc, state.Branches.length, 0, {
        run: (index) => runStates(state.Branches[index]!, branchInput, rc, startedId),
        onFailed: () => undefined,
        onAborted: () => undefined,
      });
      const lastEventId = rc.log.add('ParallelStateSucceeded', branches.at(-1)?.lastEventId ?? startedId);
      const result: Json = branches.map((branch) => branch.output);
      const selected =
        state.ResultSelector !== undefined
          ? resolvePayloadTemplate(state.ResultSelector, result, context, rc.host)
          : result;
      return {
        output: applyOutputPath(applyResultPath(input, selected, state.ResultPath), state.OutputPath, context),
        lastEventId,
      };
    },
  });
