/** The SDK's response shapes as they arrive over JSON (dates are ISO strings). */
// The SDK's own counts type: a type-only import, erased from the bundle.
import type { MapRunCounts } from '../../../messages/map-run-counts';

export type { MapRunCounts };

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface StateMachineListItem {
  stateMachineArn: string;
  name: string;
  type: string;
  creationDate: string;
}

export interface StateMachine extends StateMachineListItem {
  status: string;
  definition: string;
  roleArn: string;
  revisionId: string;
}

export interface ExecutionListItem {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  mapRunArn?: string;
  redriveCount: number;
}

export interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount: number;
  redriveDate?: string;
  mapRunArn?: string;
  redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE' | 'REDRIVABLE_BY_MAP_RUN';
  redriveStatusReason?: string;
}

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: string;
  [detailsMember: string]: unknown;
}

export interface MapRun {
  mapRunArn: string;
  executionArn: string;
  status: MapRunStatus;
  startDate: string;
  stopDate?: string;
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  toleratedFailureCount: number;
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
  redriveCount: number;
  redriveDate?: string;
}

export interface MapRunListItem {
  executionArn: string;
  mapRunArn: string;
  stateMachineArn: string;
  startDate: string;
  stopDate?: string;
}
