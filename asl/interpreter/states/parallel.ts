import { applyInputPath, applyOutputPath, applyResultPath, resolvePayloadTemplate } from '../../paths/payload-template';
import { evaluateTemplate } from '../../jsonata/template';
import type { Json } from '../../json';
import type { ParallelState } from '../../types';
import { fanOut } from '../fan-out';
import { evaluateAssign, jsonataOutput, jsonataScope } from '../query';
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
      const states = { input, context, result };
      const assigned = await evaluateAssign(ql, state.Assign, rc, { data: result, context, states });
      if (ql === 'JSONata') {
        return {
          output: await jsonataOutput(state.Output, result, rc, states),
          lastEventId,
          ...(assigned ? { assigned } : {}),
        };
      }
      const selected =
        state.ResultSelector !== undefined
          ? resolvePayloadTemplate(state.ResultSelector, result, context, rc.host, rc.variables)
          : result;
      return {
        output: applyOutputPath(
          applyResultPath(input, selected, state.ResultPath),
          state.OutputPath,
          context,
          rc.variables,
        ),
        lastEventId,
        ...(assigned ? { assigned } : {}),
      };
    },
  });
};
