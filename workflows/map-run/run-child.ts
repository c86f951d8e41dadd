/**
 * Starts one Map Run child and hands back the promise of its end, adding no promise of its own (the partition
 * attaches one `.then` per child: workflow promises are costly, the SDK records a stack trace for each).
 * STANDARD: a real execution, the execution actor as a child workflow whose id is the child's ARN
 * (DescribeExecution and GetExecutionHistory work on it). EXPRESS: the whole ItemProcessor inside one activity,
 * from its first state, at least once, within 5 minutes; the activity gets the ItemProcessor by reference.
 */
import { ChildWorkflowFailure, executeChild, ParentClosePolicy } from '@temporalio/workflow';
import { childExecutionArn } from '../../asl/arn';
import { jsonByteLength, type Json } from '../../asl/json';
import { MAX_PAYLOAD_BYTES } from '../../asl/interpreter/limits';
import type { ExecutionWorkflow } from '../workflow-signatures';
import { MapRunArnKey, ResourceTypeKey } from '../../messages/search-attributes';
import type { expressActivities } from './activities';
import type { ChildSpec } from './child-input';
import type { ChildOutcome } from './child-outcome';
import type { MapRunConfig } from './config';

/** A child whose input is over the payload quota fails without running (sfn-spec §1.12). */
export function oversizedChild(child: ChildSpec, startDate: number): ChildOutcome | undefined {
  if ((child.inputBytes ?? jsonByteLength(child.input)) <= MAX_PAYLOAD_BYTES) return undefined;
  const cause = `The child input has a size exceeding the maximum number of bytes service limit (${MAX_PAYLOAD_BYTES} bytes).`;
  return { status: 'FAILED', error: 'States.DataLimitExceeded', cause, startDate, stopDate: startDate };
}

/**
 * Starts a Standard child in the current cancellation scope (cancelling it aborts the child); resolves with its
 * output, rejects with a ChildWorkflowFailure (see childRunId, failedChildOutcome).
 */
export function startStandardChild(config: MapRunConfig, child: ChildSpec, previousRunId?: string): Promise<Json> {
  const executionArn = childExecutionArn(
    config.scope,
    config.stateMachineName,
    config.label,
    child.name,
    'STANDARD',
    config.mapRunId,
  );
  return executeChild<ExecutionWorkflow>('executionWorkflow', {
    workflowId: executionArn,
    // The compact input: the child works out its ARNs from its id and its Map Run from TsfMapRunArn.
    args: [
      {
        kind: 'mapRunChild',
        definition: config.processor,
        input: child.input,
        roleArn: config.roleArn,
        ...(config.childRedriveLimits ? { redriveLimits: config.childRedriveLimits } : {}),
        ...(config.logging ? { logging: config.logging } : {}),
        // A Map Run redrive continues the child's last run from where it failed.
        ...(previousRunId ? { resume: { previousRunId } } : {}),
      },
    ],
    // An aborted Map Run cancels its running children: they end ABORTED.
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    // Only what ListExecutions(mapRunArn) searches by: its name and stateMachineArn follow from the child's ARN and
    // the Map Run's, and its status from Temporal's (see executionWorkflow). Each attribute is stored in every write
    // of the child's mutable state, and these ARNs are long.
    typedSearchAttributes: [
      { key: ResourceTypeKey, value: 'execution' },
      { key: MapRunArnKey, value: config.mapRunArn },
    ],
  });
}

/**
 * The run of a Standard child that ended without success, which a later redrive continues. Only failures carry
 * it: a child that succeeded is never run again.
 */
export function childRunId(error: unknown): string | undefined {
  return error instanceof ChildWorkflowFailure ? error.execution.runId || undefined : undefined;
}

/**
 * Starts an Express child's activity. Express children cannot be stopped (sfn-spec §2.7): call it in a
 * non-cancellable scope, so that an abort waits for them.
 */
export function startExpressChild(activities: ReturnType<typeof expressActivities>, child: ChildSpec) {
  return activities.runExpressChild({ name: child.name, input: child.input });
}
