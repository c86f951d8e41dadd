/**
 * Signals, queries and updates of the engine's actors, shared by workflows and the client. Node-free, so the
 * workflow bundle can import it. Their names are public: the README shows how to call them with `temporal`.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ExecutionRedrivePlanState, MapRunChildSelection } from './redrive-plan';
import type { HistoryEvent } from '../asl/events';
import type { BranchRecord } from '../asl/interpreter/branch-memory';
import type { Json } from '../asl/json';
import type { LoggingConfiguration } from './logging';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What the execution actor reports about itself (DescribeExecution reads it). Dates are epoch milliseconds. */
export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  input: Json;
  output?: Json;
  error?: string;
  cause?: string;
  roleArn: string;
  redriveCount: number;
  historyLength: number;
  mapRunArn?: string;
  redriveDate?: number;
  redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE' | 'REDRIVABLE_BY_MAP_RUN';
  redriveStatusReason?: string;
  /**
   * When a closed execution's redrivable period ends. A closed workflow answers queries at its own last moment, so
   * the caller compares this with its clock (a Map Run child's workflow closes when the child does).
   */
  redrivableUntil?: number;
  /** The last `redrive` signal the execution refused, and why (a signal has no caller to answer). */
  refusedRedriveSignal?: RefusedRedriveSignal;
}

export interface RefusedRedriveSignal {
  /** When the execution took the signal (epoch ms). */
  date: number;
  clientToken?: string;
  /** `ExecutionNotRedrivable: <reason>`, as RedriveExecution would have answered. */
  reason: string;
}

export interface HistoryPage {
  events: HistoryEvent[];
  total: number;
}

export interface StopRequest {
  error?: string;
  cause?: string;
}

export const describeExecutionQuery = defineQuery<ExecutionDescription>('describe');

/**
 * The memo a top-level execution writes as its workflow closes: what the describe query would answer then, but its
 * input (in the workflow's first event) and output (its result). DescribeExecution of a closed execution reads it,
 * as a query of a closed workflow makes a worker replay its whole history first.
 */
export const CLOSED_DESCRIPTION_MEMO = 'tsfClosedDescription';
export type ClosedDescription = Omit<ExecutionDescription, 'input' | 'output'>;
/** Events from `offset` (0-based), at most `limit` of them. */
export const executionHistoryQuery = defineQuery<HistoryPage, [{ offset: number; limit: number }]>('history');
/**
 * RedriveExecution: rejected (validator) with `ExecutionNotRedrivable: <reason>` when not redrivable; a
 * clientToken seen in the last 15 minutes gets the earlier answer and redrives nothing.
 */
export const redriveExecutionUpdate = defineUpdate<{ redriveDate: number }, [RedriveRequest]>('redrive');
/** RedriveExecution's request, with this engine's addition: which Map Run children to run again (redrive-plan.ts). */
export interface RedriveRequest {
  clientToken?: string;
  mapRunChildren?: MapRunChildSelection;
}
/**
 * RedriveExecution as a signal (`temporal workflow signal --workflow-id <executionArn> --name redrive --input
 * '{"clientToken":"..."}'`): the server keeps it even while no worker runs, and the execution applies the same rules
 * as the update when it takes it. A refusal is recorded in the description (refusedRedriveSignal), as there is no
 * caller to answer; the input may be omitted.
 */
export const redriveExecutionSignal = defineSignal<[RedriveRequest | undefined]>('redrive');
/** What a Map Run child's next run needs to continue where this one failed (a Map Run redrive). */
export interface ExecutionRedriveState {
  events: HistoryEvent[];
  lastEntered?: { name: string; input: Json; variables?: Record<string, Json> };
  /** Where each Parallel branch and Inline Map iteration got to (absent in runs from before it was kept). */
  branches?: BranchRecord[];
  redriveCount: number;
  startDate: number;
}
export const executionRedriveStateQuery = defineQuery<ExecutionRedriveState>('redriveState');
/** Where a redrive would re-enter the execution, and its Map Runs (client/redrive-plan.ts): read-only. */
export const redrivePlanStateQuery = defineQuery<ExecutionRedrivePlanState>('redrivePlanState');
/** Stops a running execution; resolves with the stop date once it is ABORTED. */
export const stopExecutionUpdate = defineUpdate<{ stopDate: number }, [StopRequest]>('stop');

export type StateMachineStatus = 'ACTIVE' | 'DELETING';

export interface StateMachineDescription {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: 'STANDARD' | 'EXPRESS';
  status: StateMachineStatus;
  creationDate: number;
  /** When the definition or role last changed (UpdateStateMachine's updateDate). */
  updateDate: number;
  revisionId: string;
  /** Absent in state machines stored before it existed: they log nothing (level OFF). */
  loggingConfiguration?: LoggingConfiguration;
}

export interface StateMachineChange {
  definition?: string;
  roleArn?: string;
  loggingConfiguration?: LoggingConfiguration;
}

export const describeStateMachineQuery = defineQuery<StateMachineDescription>('describe');
export const updateStateMachineUpdate = defineUpdate<{ updateDate: number; revisionId: string }, [StateMachineChange]>(
  'updateStateMachine',
);
export const deleteStateMachineUpdate = defineUpdate<void>('deleteStateMachine');
