/**
 * What the execution actor is started with: the full input (StartExecution, and Map Run children started before
 * the compact input existed), or a Map Run child's compact input, which the child completes from its own workflow
 * id and search attributes (map-run/standard-child-input.ts).
 */
import type { Json } from '../asl/json';
import type { StateMachineDefinition } from '../asl/types';
import type { ExecutionLogging } from '../messages/execution-logging';
import { isMapRunChildInput, mapRunChildIdentity, type MapRunChildInput } from './map-run/standard-child-input';
import type { RedriveLimits } from './redrive';

export interface ExecutionWorkflowInput {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  /** The definition as it was when the execution started: later UpdateStateMachine calls never reach it. */
  definition: StateMachineDefinition;
  input: Json;
  roleArn: string;
  region: string;
  /** Set for the children of a Map Run (DescribeExecution reports it). */
  mapRunArn?: string;
  /** Redrivable period and history limit; lowered by tests. */
  redriveLimits?: RedriveLimits;
  /** A Map Run redrive continues this child from its previous run (same ARN, same history, redriveCount + 1). */
  resume?: { previousRunId: string };
  /** The state machine's version this execution runs (DescribeStateMachineForExecution); absent in older ones. */
  stateMachineRevision?: { revisionId: string; updateDate: number };
  /**
   * The state machine's loggingConfiguration when the execution started (a Map Run child: its parent's), absent
   * when it logs nothing. Pinned like the definition: UpdateStateMachine applies to later executions only.
   */
  logging?: ExecutionLogging;
}

/**
 * The full input, and whether the execution's status is Temporal's own. A Map Run child started with the compact
 * input keeps its status in Temporal's while it runs and when it succeeds (Running = RUNNING, Completed =
 * SUCCEEDED, close time = stop date): only an end without success writes TsfStatus and TsfStopDate, which saves a
 * visibility write per child. Children started with the full input (before this existed) keep their upserts, so
 * their replays are unchanged.
 */
export function fullInput(start: ExecutionWorkflowInput | MapRunChildInput): {
  args: ExecutionWorkflowInput;
  statusInTemporal: boolean;
} {
  if (isMapRunChildInput(start)) return { args: { ...mapRunChildIdentity(), ...start }, statusInTemporal: true };
  return { args: start, statusInTemporal: false };
}
