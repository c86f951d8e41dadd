/**
 * A child's record in the ResultWriter files (sfn-spec §6), keys in alphabetical order as AWS writes them.
 */
import { childExecutionArn } from '../../asl/arn';
import type { Json } from '../../asl/json';
import type { ChildSpec } from './child-input';
import type { ChildOutcome } from './child-outcome';
import type { MapRunConfig } from './config';

export interface ChildResultRecord {
  Cause?: string;
  Error?: string;
  ExecutionArn: string;
  Input: string;
  InputDetails: { Included: boolean };
  Name: string;
  Output?: string;
  OutputDetails?: { Included: boolean };
  RedriveCount: number;
  RedriveStatus: string;
  RedriveStatusReason?: string;
  StartDate?: string;
  StateMachineArn: string;
  Status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING';
  StopDate?: string;
}

/** Who a record is about: the child's ARN, name and input, and the Map Run's labelled state machine. */
export function childRecordIdentity(config: MapRunConfig, child: ChildSpec) {
  return {
    executionArn: childExecutionArn(
      config.scope,
      config.stateMachineName,
      config.label,
      child.name,
      config.executionType,
      config.mapRunId,
    ),
    name: child.name,
    input: child.input,
    stateMachineArn: config.labelledStateMachineArn,
  };
}

export function resultRecord(
  child: { executionArn: string; name: string; input: Json; stateMachineArn: string },
  outcome: ChildOutcome | undefined,
): ChildResultRecord {
  const base = {
    ExecutionArn: child.executionArn,
    Input: JSON.stringify(child.input),
    InputDetails: { Included: true },
    Name: child.name,
    RedriveCount: 0,
    StateMachineArn: child.stateMachineArn,
  };
  if (!outcome) return sorted({ ...base, RedriveStatus: 'NOT_REDRIVABLE', Status: 'PENDING' });
  const dates = {
    StartDate: new Date(outcome.startDate).toISOString(),
    StopDate: new Date(outcome.stopDate).toISOString(),
  };
  if (outcome.status === 'SUCCEEDED') {
    return sorted({
      ...base,
      ...dates,
      Output: JSON.stringify(outcome.output),
      OutputDetails: { Included: true },
      RedriveStatus: 'NOT_REDRIVABLE',
      RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
      Status: 'SUCCEEDED',
    });
  }
  return sorted({
    ...base,
    ...dates,
    ...(outcome.error !== undefined ? { Error: outcome.error } : {}),
    ...(outcome.cause !== undefined ? { Cause: outcome.cause } : {}),
    RedriveStatus: 'REDRIVABLE_BY_MAP_RUN',
    Status: outcome.status,
  });
}

function sorted(record: ChildResultRecord): ChildResultRecord {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)),
  ) as unknown as ChildResultRecord;
}
