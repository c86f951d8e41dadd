/**
 * The execution's answer to the redrive plan query (messages/redrive-plan.ts): where a redrive would re-enter it
 * (its last entered state, and where each unfinished Parallel branch or Map iteration stopped) and what it remembers
 * of the last Map Run of each Distributed Map state. The client turns it into the plan (client/redrive-plan.ts).
 */
import type { ExecutionRedrivePlanState } from '../messages/redrive-plan';
import type { ExecutionState } from './execution-state';

export function redrivePlanState(state: ExecutionState): ExecutionRedrivePlanState {
  return {
    ...(state.lastEntered ? { lastEntered: { name: state.lastEntered.name, input: state.lastEntered.input } } : {}),
    branches: state.branches.snapshot(),
    mapRuns: [...state.mapRuns].map(([key, last]) => {
      const { config } = last.args;
      return {
        statePath: JSON.parse(key) as Array<string | number>,
        mapRunArn: last.arn,
        ...(last.error !== undefined ? { error: last.error } : {}),
        ...(last.keepsMapRun ? { keepsMapRun: true } : {}),
        ...(last.redriveState?.childrenStarted === false ? { childrenStarted: false } : {}),
        executionType: config.executionType,
        itemReader: config.reader !== undefined,
        processor: config.processor,
        ...(config.childRedriveLimits ? { childRedrivablePeriodMs: config.childRedriveLimits.redrivablePeriodMs } : {}),
      };
    }),
  };
}
