/**
 * What a Map Run partition sends each Standard child it starts: only what the child cannot work out for itself.
 * Its ARN is its workflow id (`execution:<machine>/<label>:<name>`: name, labelled state machine and region follow),
 * and its Map Run is its `TsfMapRunArn` search attribute. Every byte here is stored twice per child (the
 * partition's StartChildWorkflowExecutionInitiated and the child's WorkflowExecutionStarted) and kept in the
 * server's event cache while the child starts: at 1,000 children in flight, a larger event no longer fits there
 * and each start reads history back from the database.
 */
import { workflowInfo } from '@temporalio/workflow';
import { standardChildOfArn } from '../../asl/arn';
import type { Json } from '../../asl/json';
import type { StateMachineDefinition } from '../../asl/types';
import type { ExecutionLogging } from '../../messages/execution-logging';
import type { RedriveLimits } from '../redrive';
import { MapRunArnKey } from '../../messages/search-attributes';

export interface MapRunChildInput {
  kind: 'mapRunChild';
  /** The Map Run's ItemProcessor. */
  definition: StateMachineDefinition;
  input: Json;
  roleArn: string;
  redriveLimits?: RedriveLimits;
  /** A Map Run redrive continues this child from its previous run. */
  resume?: { previousRunId: string };
  /** Its parent's logging (absent when the parent logs nothing, so a child costs no byte more then). */
  logging?: ExecutionLogging;
}

/** The execution a Map Run child is, from its own workflow id and search attributes. */
export interface MapRunChildIdentity {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  region: string;
  mapRunArn: string;
}

export function isMapRunChildInput(input: object): input is MapRunChildInput {
  return (input as { kind?: unknown }).kind === 'mapRunChild';
}

export function mapRunChildIdentity(): MapRunChildIdentity {
  const info = workflowInfo();
  const child = standardChildOfArn(info.workflowId);
  const mapRunArn = info.typedSearchAttributes.get(MapRunArnKey);
  if (!child || !mapRunArn) {
    // Only a partition starts a child this way, always with both: anything else is a bug to see, not to run.
    throw new Error(`Map Run child ${info.workflowId} has no execution ARN with a label or no TsfMapRunArn`);
  }
  return { executionArn: info.workflowId, mapRunArn, ...child };
}
