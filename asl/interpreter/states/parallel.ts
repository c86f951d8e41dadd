import { applyInputPath, resolvePayloadTemplate } from '../../paths/payload-template';
import { evaluateTemplate } from '../../jsonata/template';
import type { Json } from '../../json';
import type { ParallelState } from '../../types';
import { fanOut } from '../fan-out';
import { jsonataScope } from '../query';
import { outputOfResult } from '../result-to-output';
import { withRetryAndCatch } from '../retry-catch';
import { earlierBranches, reusedOutput, runBranch, withBranchMemory } from '../branch-resume';
import { contextObject, queryLanguageOf } from '../run-context';
import type { BranchResult, StateRunner } from '../state-runner';

export const runParallel: StateRunner<ParallelState> = (name, state, input, rc, enteredEventId, runStates) => {
  const ql = queryLanguageOf(state, rc);
  return withBranchMemory(rc, name, () =>
    withRetryAndCatch({
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
        // After a redrive, branches that had succeeded keep their output and only the others run (sfn-spec §3.5).
        const earlier = earlierBranches(rc, name, state.Branches.length);
        const reused = new Set<number>();
        // Each branch reads the outer variables; what it assigns stays in its own scope and ends with it.
        const branches = await fanOut(rc, state.Branches.length, 0, {
          run: async (index) => {
            const output = reusedOutput(rc, name, index, earlier[index]);
            if (output) {
              reused.add(index);
              return { output: output.value, lastEventId: startedId };
            }
            return runBranch(
              runStates,
              rc,
              name,
              index,
              state.Branches[index]!,
              () => branchInput,
              startedId,
              earlier[index],
            );
          },
          onFailed: () => undefined,
          onAborted: () => undefined,
        });
        const lastEventId = rc.log.add('ParallelStateSucceeded', lastBranchEventId(branches, reused, startedId));
        const result: Json = branches.map((branch) => branch.output);
        return { ...(await outputOfResult(ql, state, input, result, context, rc)), lastEventId };
      },
    }),
  );
};

/** The event ParallelStateSucceeded follows: the last branch's last event, or the latest when that one was reused. */
function lastBranchEventId(branches: BranchResult[], reused: ReadonlySet<number>, startedId: number): number {
  const last = branches.length - 1;
  if (last < 0) return startedId;
  if (!reused.has(last)) return branches[last]!.lastEventId;
  return Math.max(startedId, ...branches.map((branch) => branch.lastEventId));
}
