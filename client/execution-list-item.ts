/**
 * One row of ListExecutions, from the execution's workflow as visibility lists it: its search attributes, and for
 * a Map Run child started with the compact input its ARN and Temporal's own status and close time.
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { standardChildOfArn } from '../asl/arn';
import {
  NameKey,
  RedriveCountKey,
  StateMachineArnKey,
  StatusKey,
  StopDateKey,
  type TsfStatus,
} from '../messages/search-attributes';
import type { ExecutionListItem } from '../messages/responses';

export function listItem(
  info: WorkflowExecutionInfo,
  stateMachineArn: string | undefined,
  mapRunArn: string | undefined,
): ExecutionListItem {
  // A Map Run child started with the compact input carries no name or state machine: its ARN says both.
  const child = mapRunArn ? standardChildOfArn(info.workflowId) : undefined;
  const stopDate = info.typedSearchAttributes.get(StopDateKey) ?? closedStopDate(info);
  return {
    executionArn: info.workflowId,
    stateMachineArn:
      info.typedSearchAttributes.get(StateMachineArnKey) ?? stateMachineArn ?? child?.stateMachineArn ?? '',
    name: info.typedSearchAttributes.get(NameKey) ?? child?.name ?? '',
    status: executionStatus(info),
    startDate: info.startTime,
    ...(stopDate ? { stopDate } : {}),
    ...(mapRunArn ? { mapRunArn } : {}),
    redriveCount: Number(info.typedSearchAttributes.get(RedriveCountKey) ?? 0),
  };
}

/**
 * The Step Functions status of an execution's workflow. Temporal's Completed is always SUCCEEDED; otherwise
 * TsfStatus says it (a failed execution stays open while redrivable). A Map Run child started with the compact
 * input writes TsfStatus only once it ended without success, so Temporal's status stands in for it until then.
 */
function executionStatus(info: WorkflowExecutionInfo): TsfStatus {
  if (info.status.name === 'COMPLETED') return 'SUCCEEDED';
  const recorded = info.typedSearchAttributes.get(StatusKey) as TsfStatus | undefined;
  if (recorded !== undefined && (recorded !== 'RUNNING' || info.status.name === 'RUNNING')) return recorded;
  switch (info.status.name) {
    case 'RUNNING':
      return 'RUNNING';
    case 'TIMED_OUT':
      return 'TIMED_OUT';
    case 'CANCELLED':
    case 'TERMINATED':
      return 'ABORTED';
    default:
      return 'FAILED';
  }
}

/** A closed workflow without TsfStopDate (a Map Run child that succeeded) stopped when Temporal closed it. */
function closedStopDate(info: WorkflowExecutionInfo): Date | undefined {
  return info.status.name === 'RUNNING' ? undefined : info.closeTime;
}
