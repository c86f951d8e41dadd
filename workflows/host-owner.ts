/**
 * The execution a workflow host runs for (workflow-host.ts): the Map Runs it starts belong to it
 * (map-run/start-map-run.ts). Apart from both, since the host imports the Map Run starter.
 */
import type { ExecutionLogging } from '../messages/execution-logging';

/** The execution the host runs for: Map Runs it starts belong to it. */
export interface HostOwner {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  /**
   * After a redrive: the redriven state and the redrive's date, handed out once when that state (a Distributed
   * Map) starts its Map Run, so the Map Run is redriven rather than started anew.
   */
  takeRedrive?: (stateName: string) => { redriveDate: number } | undefined;
  /** Redrives allowed per Map Run (default 1,000). */
  mapRunRedriveLimit?: number;
  /** Redrivable period and history event limit of Map Run children, when not the defaults (tests lower them). */
  childRedriveLimits?: { redrivablePeriodMs: number; historyEventLimit: number };
  /** The execution's logging, which its Map Runs' children log with too (sfn-spec §14.2). */
  logging?: ExecutionLogging;
}
