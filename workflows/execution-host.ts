/**
 * Host wiring: the interpreter's run context for this execution. The workflow host (workflow-host.ts) runs Tasks,
 * timers and Map Runs on Temporal for it; the context object names the execution; and the interpreter tells the
 * execution actor which state it entered, so a redrive knows where to start again.
 */
import type { RunContext } from '../asl/interpreter/run-context';
import type { ExecutionState } from './execution-state';
import { takeRedriveTarget } from './redrive-target';
import { createWorkflowHost } from './workflow-host';

export function executionRunContext(state: ExecutionState): RunContext {
  const { args, limits } = state;
  return {
    host: createWorkflowHost({
      executionArn: args.executionArn,
      stateMachineArn: args.stateMachineArn,
      stateMachineName: args.stateMachineName,
      roleArn: args.roleArn,
      ...(args.logging ? { logging: args.logging } : {}),
      ...(limits.mapRunRedriveLimit !== undefined ? { mapRunRedriveLimit: limits.mapRunRedriveLimit } : {}),
      ...(args.redriveLimits
        ? {
            childRedriveLimits: {
              redrivablePeriodMs: limits.redrivablePeriodMs,
              historyEventLimit: limits.historyEventLimit,
            },
          }
        : {}),
      // A redriven Distributed Map redrives its Map Run, once: a later run of that state starts anew.
      takeRedrive: (statePath) => takeRedriveTarget(state, statePath),
      lastRuns: state.mapRuns,
    }),
    log: state.log,
    region: args.region,
    execution: {
      Id: args.executionArn,
      Input: args.input,
      Name: args.name,
      RoleArn: args.roleArn,
      StartTime: new Date(state.description.startDate).toISOString(),
      RedriveCount: 0,
    },
    stateMachine: { Id: args.stateMachineArn, Name: args.stateMachineName },
    branches: state.branches,
    onEnterState: (branch, name, input, context) => {
      if (branch === args.definition) state.lastEntered = { name, input, variables: context.variables?.all() };
    },
  };
}
