/**
 * Runs a sequence of states (the machine itself, a Parallel branch or a Map iteration) from StartAt (or from a
 * given state, which redrive uses) until a state ends the branch. The states that hold branches get this function
 * as their `runStates` argument (state-runner.ts), so the recursion needs no import back to this file.
 */
import { runtimeError } from '../errors';
import { payload } from '../events';
import type { Json } from '../json';
import type { Branch, State } from '../types';
import { asStateOutcome, StateFailure } from './failed-or-aborted';
import type { RunContext } from './run-context';
import type { BranchResult, StateResult } from './state-runner';
import { runChoice } from './states/choice';
import { runFail } from './states/fail';
import { runMap } from './states/map';
import { runParallel } from './states/parallel';
import { runPass } from './states/pass';
import { runSucceed } from './states/succeed';
import { runTask } from './states/task';
import { runWait } from './states/wait';

export async function runStates(
  branch: Branch,
  input: Json,
  rc: RunContext,
  previousEventId: number,
  startAt: string = branch.StartAt,
): Promise<BranchResult> {
  // Nested scopes default to the definition's language unless they name their own (as the validator reads them).
  rc = { ...rc, scopeQueryLanguage: branch.QueryLanguage ?? rc.topQueryLanguage };
  let name: string | undefined = startAt;
  let data = input;
  let previous = previousEventId;
  while (name !== undefined) {
    const state = branch.States[name];
    if (!state) throw new StateFailure(runtimeError(name, previous, `State '${name}' does not exist.`), previous);
    rc.onEnterState?.(branch, name, data, rc);
    if (rc.branches && rc.branchPath?.length) {
      rc.branches.entered(rc.branchPath, name, data, rc.variables?.ownValues() ?? {});
    }
    const result = await runState(name, state, data, rc, previous);
    data = result.output;
    previous = result.lastEventId;
    name = result.next;
  }
  return { output: data, lastEventId: previous };
}

async function runState(
  name: string,
  state: State,
  input: Json,
  rc: RunContext,
  previous: number,
): Promise<StateResult> {
  const enteredEventId = rc.log.add(`${state.Type}StateEntered`, previous, () => ({
    name,
    input: payload(input),
    inputDetails: { truncated: false },
  }));
  try {
    switch (state.Type) {
      case 'Pass':
        return await runPass(name, state, input, rc, enteredEventId, runStates);
      case 'Task':
        return await runTask(name, state, input, rc, enteredEventId, runStates);
      case 'Choice':
        return await runChoice(name, state, input, rc, enteredEventId, runStates);
      case 'Wait':
        return await runWait(name, state, input, rc, enteredEventId, runStates);
      case 'Succeed':
        return await runSucceed(name, state, input, rc, enteredEventId, runStates);
      case 'Fail':
        return await runFail(name, state, input, rc, enteredEventId, runStates);
      case 'Parallel':
        return await runParallel(name, state, input, rc, enteredEventId, runStates);
      case 'Map':
        return await runMap(name, state, input, rc, enteredEventId, runStates);
    }
  } catch (error) {
    const outcome = asStateOutcome(error, name, enteredEventId, rc);
    if (outcome instanceof StateFailure) outcome.stateType ??= state.Type;
    throw outcome;
  }
}
