/**
 * How partitions ran one child before the `map-partition-lanes` patch (partition-before-lanes.ts), kept unchanged so that
 * such partitions replay: one cancellation scope and several nested promises per child, and the whole
 * ItemProcessor in every Express child's activity input.
 *
 * Runs one Map Run child. STANDARD: a real execution, the execution actor as a child workflow whose id is the
 * child's ARN (DescribeExecution and GetExecutionHistory work on it). EXPRESS: the whole ItemProcessor inside one
 * activity, from its first state, at least once, within 5 minutes.
 */
import { CancellationScope, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { childExecutionArn } from '../../asl/arn';
import { jsonByteLength, type Json } from '../../asl/json';
import { MAX_PAYLOAD_BYTES } from '../../asl/interpreter/limits';
import type { ExecutionWorkflow } from '../workflow-signatures';
import {
  NameKey,
  ResourceTypeKey,
  StateMachineArnKey,
  StatusKey,
  TSF_SEARCH_ATTRIBUTE_KEYS,
} from '../../messages/search-attributes';
import { expressActivities } from './activities';
import type { ChildSpec } from './child-input';
import { failedChildOutcome, type ChildOutcome } from './child-outcome';
import type { MapRunConfig } from './config';

export async function runChildBeforeLanes(
  config: MapRunConfig,
  child: ChildSpec,
  cancels: Set<() => void>,
  /** The child's last run, when a Map Run redrive continues it from where it failed. */
  previousRunId?: string,
  onStarted: (runId: string) => void = () => undefined,
): Promise<ChildOutcome> {
  const startDate = Date.now();
  if (jsonByteLength(child.input) > MAX_PAYLOAD_BYTES) {
    const cause = `The child input has a size exceeding the maximum number of bytes service limit (${MAX_PAYLOAD_BYTES} bytes).`;
    return { status: 'FAILED', error: 'States.DataLimitExceeded', cause, startDate, stopDate: startDate };
  }
  return config.executionType === 'STANDARD'
    ? runStandard(config, child, cancels, startDate, previousRunId, onStarted)
    : runExpress(config, child, startDate);
}

async function runStandard(
  config: MapRunConfig,
  child: ChildSpec,
  cancels: Set<() => void>,
  startDate: number,
  previousRunId: string | undefined,
  onStarted: (runId: string) => void,
) {
  const executionArn = childExecutionArn(
    config.scope,
    config.stateMachineName,
    config.label,
    child.name,
    'STANDARD',
    config.mapRunId,
  );
  const scope = new CancellationScope();
  const cancel = () => scope.cancel();
  cancels.add(cancel);
  try {
    const output = await scope.run(async () => {
      const handle = await startChild<ExecutionWorkflow>('executionWorkflow', {
        workflowId: executionArn,
        args: [
          {
            executionArn,
            stateMachineArn: config.labelledStateMachineArn,
            stateMachineName: `${config.stateMachineName}/${config.label}`,
            name: child.name,
            definition: config.processor,
            input: child.input,
            roleArn: config.roleArn,
            region: config.scope.region,
            mapRunArn: config.mapRunArn,
            ...(previousRunId ? { resume: { previousRunId } } : {}),
          },
        ],
        // An aborted Map Run cancels its running children: they end ABORTED.
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        typedSearchAttributes: [
          { key: ResourceTypeKey, value: 'execution' },
          { key: StateMachineArnKey, value: config.labelledStateMachineArn },
          { key: NameKey, value: child.name },
          { key: StatusKey, value: 'RUNNING' },
          { key: TSF_SEARCH_ATTRIBUTE_KEYS.TsfMapRunArn, value: config.mapRunArn },
        ],
      });
      onStarted(handle.firstExecutionRunId);
      return handle.result();
    });
    return { status: 'SUCCEEDED' as const, output: output as Json, startDate, stopDate: Date.now() };
  } catch (error) {
    return failedChildOutcome(error, startDate, Date.now());
  } finally {
    cancels.delete(cancel);
  }
}

/** Express children cannot be stopped (sfn-spec §2.7): an abort waits for them. */
async function runExpress(config: MapRunConfig, child: ChildSpec, startDate: number): Promise<ChildOutcome> {
  const executionArn = childExecutionArn(
    config.scope,
    config.stateMachineName,
    config.label,
    child.name,
    'EXPRESS',
    config.mapRunId,
  );
  try {
    return await CancellationScope.nonCancellable(() =>
      expressActivities().runExpressChild({
        executionArn,
        name: child.name,
        stateMachineArn: config.labelledStateMachineArn,
        stateMachineName: `${config.stateMachineName}/${config.label}`,
        definition: config.processor,
        input: child.input,
        roleArn: config.roleArn,
        region: config.scope.region,
      }),
    );
  } catch (error) {
    return failedChildOutcome(error, startDate, Date.now());
  }
}
