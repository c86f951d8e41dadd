import { applyInputPath, resolvePayloadTemplate } from '../../paths/payload-template';
import { evaluateTemplate } from '../../jsonata/template';
import type { Json } from '../../json';
import type { ParallelState } from '../../types';
import { fanOut } from '../fan-out';
import { jsonataScope } from '../query';
import { outputOfResult } from '../result-output';
import { withRetryAndCatch } from '../retry-catch';
import { branchContext, contextObject, queryLanguageOf } from '../run-context';
import { runStates, type StateRunner } from '../run-states';

export const runParallel: StateRunner<ParallelState> = (name, state, input, rc, enteredEventId) => {
  const ql = queryLanguageOf(state, rc);
  return withRetryAndCatch({
    name,
    type: 'Parallel',
    state,
    input,
    enteredEventId,
    rc,
    ql,
    attempt: async (retryCount, previous) => {
      const context = contextObject(rc, name, rc.host.now(), retryCount);
      const effective = ql === 'JSONata' ? input : applyInputPath(input, state.InputPath, context, rc.variables);
      let branchInput: Json = effective;
      if (ql === 'JSONata' && state.Arguments !== undefined) {
        branchInput = await evaluateTemplate(state.Arguments, 'Arguments', jsonataScope(rc, { input, context }));
      } else if (ql === 'JSONPath' && state.Parameters !== undefined) {
        branchInput = resolvePayloadTemplate(state.Parameters, effective, context, rc.host, rc.variables);
      }
      const startedId = rc.log.add('ParallelStateStarted', previous);
      // Each branch reads the outer variables; what it assigns stays in its own scope and ends with it.
      const branches = await fanOut(rc, state.Branches.length, 0, {
        run: (index) => runStates(state.Branches[index]!, branchInput, branchContext(rc), startedId),
        onFailed: () => undefined,
        onAborted: () => undefined,
      });
      const lastEventId = rc.log.add('ParallelStateSucceeded', branches.at(-1)?.lastEventId ?? startedId);
      const result: Json = branches.map((branch) => branch.output);
      return { ...(await outputOfResult(ql, state, input, result, context, rc)), lastEventId };
    },
  });
};
