/**
 * Redrive beyond Step Functions (issue #16), named so that nobody takes them for AWS actions: a plan of what a
 * redrive would do (read-only), a selective redrive of a Map Run's children, and the repair of a Map Run whose parent
 * succeeded with tolerated failures. Node-free: shared by workflows, the client and the console.
 */
import type { BranchRecord } from '../asl/interpreter/branch-memory';
import type { Json } from '../asl/json';
import type { Branch } from '../asl/types';

/**
 * Which of a Map Run's unsuccessful children a redrive runs again; the others stay as they were and still count
 * toward the tolerated-failure threshold. A child matches when it matches every filter given:
 * - `errors`: its last error's name is one of these (a child that ended without an error, e.g. aborted, matches none);
 * - `items`: one of its items' indexes (0-based, as `$$.Map.Item.Index`) is listed, or within an inclusive range.
 * Children that never started always run: they have no outcome to select by, and a Map Run cannot end with them.
 */
export interface MapRunChildSelection {
  errors?: string[];
  items?: Array<number | [number, number]>;
}

export interface RedrivePlanChildren {
  failed: number;
  timedOut: number;
  aborted: number;
  /** Never started. */
  pending: number;
}

export interface MapRunRedrivePlan {
  mapRunArn: string;
  /** The Distributed Map state that started it, and where it sits (enclosing Parallel / Map states and indexes). */
  stateName: string;
  statePath: Array<string | number>;
  action: 'REDRIVE' | 'NEW_MAP_RUN';
  /** Why this action (the rule of sfn-spec §3.6 that decides it). */
  actionReason: string;
  /** Children that would run again, by how they ended (all children for a new Map Run: `pending`). */
  rerun: RedrivePlanChildren;
  /** Children left as they are although unsuccessful: may not be redriven, or not selected. */
  kept: {
    notRedrivable: number;
    notSelected: number;
    /** Why children may not be redriven, with counts. */
    notRedrivableReasons: Record<string, number>;
  };
  succeeded: number;
  /**
   * Last errors of the unsuccessful children, run again or kept, by error name, counted in children (`(none)`: ended
   * without one, e.g. aborted).
   */
  errors: Record<string, number>;
  itemSource: 'FIRST_ATTEMPT' | 'READ_AGAIN';
  /**
   * The most handler calls the redrive can cause: the children run times the most one child run can make (its Task
   * states, Retry included, asl/handler-calls.ts); null when unbounded (the processor loops or holds a Map state).
   */
  maxHandlerCalls: number | null;
  /** Whether the failures kept (not redrivable, not selected) already exceed the tolerated-failure threshold. */
  keptFailuresExceedThreshold: boolean;
}

export interface RedrivePlanState {
  name: string;
  /** Where the state sits: enclosing Parallel / Map states and branch or iteration indexes, then its name. */
  path: Array<string | number>;
  /** The input it would get. */
  input: Json;
}

export interface RedrivePlan {
  executionArn: string;
  redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE' | 'REDRIVABLE_BY_MAP_RUN';
  redriveStatusReason?: string;
  /** The states the redrive enters again, outermost first. */
  states: RedrivePlanState[];
  mapRuns: MapRunRedrivePlan[];
  /** The selection the plan was made for, if any. */
  mapRunChildren?: MapRunChildSelection;
}

/** What repairing a Map Run (redriveMapRun) would run again: the same numbers as a redrive's plan. */
export interface MapRunRepairPlan extends MapRunRedrivePlan {
  /** Whether it may be repaired now, and why not. */
  repairable: boolean;
  reason?: string;
}

/**
 * What an execution answers its redrive plan query with (workflows/execution-messages.ts): where a redrive would
 * re-enter it, and the last Map Run each Distributed Map state started. Answering changes nothing.
 */
export interface ExecutionRedrivePlanState {
  lastEntered?: { name: string; input: Json };
  branches: BranchRecord[];
  mapRuns: Array<{
    statePath: Array<string | number>;
    mapRunArn: string;
    /** The error it failed with (`ABORTED` when its parent was stopped); absent when it succeeded or runs. */
    error?: string;
    keepsMapRun?: boolean;
    childrenStarted?: boolean;
    executionType: 'STANDARD' | 'EXPRESS';
    itemReader: boolean;
    processor: Branch;
    /** Standard children's own redrivable period, when not 14 days (tests lower it). */
    childRedrivablePeriodMs?: number;
  }>;
}
