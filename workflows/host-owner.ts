/**
 * The execution a workflow host runs for (workflow-host.ts): the Map Runs it starts belong to it
 * (map-run/start-map-run.ts). Apart from both, since the host imports the Map Run starter.
 */
import type { ExecutionLogging } from '../messages/execution-logging';
import type { MapRunRedriveState } from '../messages/map-run';
import type { MapRunChildSelection } from '../messages/redrive-plan';
import type { MapRunInput } from './map-run/config';

/** The execution the host runs for: Map Runs it starts belong to it. */
export interface HostOwner {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  /**
   * After a redrive: the redrive's date and selection, handed out once when a state it re-enters (a Distributed Map,
   * named by its path: enclosing Parallel / Map states and indexes, then its name) starts its Map Run, so the Map Run
   * is redriven rather than started anew.
   */
  takeRedrive?: (
    statePath: ReadonlyArray<string | number>,
  ) => { redriveDate: number; selection?: MapRunChildSelection } | undefined;
  /** Redrives allowed per Map Run (default 1,000). */
  mapRunRedriveLimit?: number;
  /** Redrivable period and history event limit of Map Run children, when not the defaults (tests lower them). */
  childRedriveLimits?: { redrivablePeriodMs: number; historyEventLimit: number };
  /** The execution's logging, which its Map Runs' children log with too (sfn-spec §14.2). */
  logging?: ExecutionLogging;
  /** The last Map Run each Distributed Map state started, by state path (JSON), kept where the execution reads it. */
  lastRuns?: Map<string, LastMapRun>;
}

/** What the execution remembers of the last Map Run each Distributed Map state started: what a redrive re-enters. */
export interface LastMapRun {
  arn: string;
  args: MapRunInput;
  error?: string;
  /**
   * The Map Run failed with States.Runtime, but not from the data: its redrive was refused (the redrive limit) or the
   * engine failed. A redrive re-enters it (and is refused again) instead of starting a new Map Run that would re-run
   * every item.
   */
  keepsMapRun?: boolean;
  /** The redrive state the Map Run's failure carried (redrive-state.ts), if it did. */
  redriveState?: MapRunRedriveState;
}
