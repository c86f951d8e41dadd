/**
 * What the execution actor knows of its execution: the description DescribeExecution shows, the event log, where
 * a redrive starts again (the last entered state, each branch's progress), the attempt under way and what stopped
 * it, and its redrives (requested, awaited, or no longer possible).
 */
import type { CancellationScope } from '@temporalio/workflow';
import { patched, workflowInfo } from '@temporalio/workflow';
import { EventLog, type HistoryEvent } from '../asl/events';
import { BranchMemory } from '../asl/interpreter/branch-memory';
import type { Json } from '../asl/json';
import type { ExecutionDescription, StopRequest } from '../messages/execution';
import type { ExecutionWorkflowInput } from './execution-input';
import { executionLogListener } from './execution-logging';
import type { RedriveTarget } from './redrive-target';
import type { LastMapRun } from './host-owner';
import {
  DEFAULT_REDRIVE_LIMITS,
  RedriveRequests,
  redriveVerdict,
  type RedriveLimits,
  type RedriveVerdict,
} from './redrive';

/** The machine's last entered state and its input (and variables): where a redrive starts again. */
export interface LastEntered {
  name: string;
  input: Json;
  variables?: Record<string, Json>;
}

/**
 * Executions begun before this patch kept adding events past Step Functions' history quota; now one that reaches it
 * fails there (execution-close.ts).
 */
export const HISTORY_QUOTA_PATCH = 'history-event-quota';

export class ExecutionState {
  readonly limits: RedriveLimits;
  readonly description: ExecutionDescription;
  log: EventLog;
  lastEntered: LastEntered | undefined;
  /** Where each Parallel branch and Inline Map iteration got to: a redrive re-runs only those that did not succeed. */
  branches = new BranchMemory();
  /** The scope of the attempt under way (execution-attempts.ts): a stop or TimeoutSeconds cancels it. */
  attempt: CancellationScope | undefined;
  stopRequest: StopRequest | undefined;
  timedOut = false;
  readonly redrives = new RedriveRequests();
  /** The redrivable period passed with no redrive: the execution closed for good. */
  redriveWindowClosed = false;
  /** After a redrive, the states it re-enters: a Distributed Map there redrives its Map Run (once, redrive-target.ts). */
  redriveTarget: RedriveTarget | undefined;
  /** The last Map Run each Distributed Map state started, by state path: what a redrive re-enters (start-map-run.ts). */
  readonly mapRuns = new Map<string, LastMapRun>();

  constructor(
    readonly args: ExecutionWorkflowInput,
    /** The execution's status is Temporal's own while it runs and when it succeeds (execution-input.ts). */
    readonly statusInTemporal: boolean,
    /** A closed execution waits to be redriven rather than ending its workflow. */
    readonly waitsForRedrive: boolean,
  ) {
    this.limits = args.redriveLimits ?? DEFAULT_REDRIVE_LIMITS;
    this.log = this.newLog();
    this.description = {
      executionArn: args.executionArn,
      stateMachineArn: args.stateMachineArn,
      name: args.name,
      status: 'RUNNING',
      startDate: workflowInfo().startTime.getTime(),
      input: args.input,
      roleArn: args.roleArn,
      redriveCount: 0,
      historyLength: 0,
      redriveStatus: 'NOT_REDRIVABLE',
      ...(args.mapRunArn ? { mapRunArn: args.mapRunArn } : {}),
    };
  }

  /**
   * The execution's event log (its first run's, or a redriven run's taken over from the last one). It holds one
   * event more than the redrive limit counts (25,000: a history at 24,999 cannot be redriven); an event past that
   * cancels the attempt, which then closes FAILED (execution-close.ts).
   */
  newLog(existing: HistoryEvent[] = []): EventLog {
    const { logging, executionArn } = this.args;
    // The events taken over from a previous run were logged by it: only new ones go to the execution log.
    const onAppend = executionLogListener(logging, executionArn, () => this.description.redriveCount);
    return new EventLog(
      () => Date.now(),
      existing,
      {
        maxEvents: this.limits.historyEventLimit + 1,
        reached: () => {
          if (!patched(HISTORY_QUOTA_PATCH)) return false;
          this.attempt?.cancel();
          return true;
        },
      },
      onAppend,
    );
  }

  /** Whether the execution may be redriven now, and why not (DescribeExecution's redriveStatus). */
  verdict() {
    const { description, log, limits } = this;
    if (this.args.mapRunArn) {
      return redriveStatusOfChild(
        redriveVerdict(description.status, description.stopDate, log.length, limits, Date.now()),
      );
    }
    if (this.redriveWindowClosed) {
      return { redriveStatus: 'NOT_REDRIVABLE' as const, redriveStatusReason: 'Execution redrivable period exceeded' };
    }
    return redriveVerdict(description.status, description.stopDate, log.length, limits, Date.now());
  }
}

/**
 * A Map Run child is redriven through its Map Run (sfn-spec §3.3), under the same rules as any execution: one past
 * the history event limit or its redrivable period is NOT_REDRIVABLE (counted in failuresNotRedrivable).
 */
function redriveStatusOfChild(verdict: RedriveVerdict) {
  if (verdict.redriveStatus === 'NOT_REDRIVABLE') return verdict;
  return { redriveStatus: 'REDRIVABLE_BY_MAP_RUN' as const, redriveStatusReason: undefined };
}
