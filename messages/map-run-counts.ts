/**
 * MapRunItemCounts / MapRunExecutionCounts (sfn-spec §2.3, §2.4): one shape for items and for child executions.
 */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

export type ChildStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
