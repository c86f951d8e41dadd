/**
 * What every Express child of a Map Run shares (its ItemProcessor, the labelled state machine, role, region) is not
 * sent with each child: the `runExpressChild` activity input is only the child's name and input, and the worker
 * fetches the shared part once per Map Run (known from the partition's workflow id) from the partition that
 * scheduled the child (this query), then keeps it. Sending the definition and four ARNs with every child made each
 * child's activity input about 700 bytes larger than the item itself. Node-free: shared by workflows and activities.
 */
import { defineQuery } from '@temporalio/workflow';
import type { ArnScope } from '../../asl/arn';
import type { Json } from '../../asl/json';
import type { Branch } from '../../asl/types';
import type { ExecutionLogging } from '../../messages/execution-logging';
import type { MapRunConfig } from './config';

export interface ExpressChildContext {
  /** The ItemProcessor, run from its first state. */
  definition: Branch;
  scope: ArnScope;
  /** The parent state machine's name and the Map state's label: the child's ARN is derived from them. */
  stateMachineName: string;
  label: string;
  /** `stateMachine:<name>/<label>`. */
  stateMachineArn: string;
  roleArn: string;
  /** The parent execution's logging: the activity writes each child's events to its log group. */
  logging?: ExecutionLogging;
}

/** One Express child, as the partition schedules it; the Map Run's context applies (fixed for the Map Run's life). */
export interface ExpressChildCall {
  name: string;
  input: Json;
}

/** Asked of the partition that scheduled a child, by the worker that runs it when it does not know the Map Run. */
export const expressChildContextQuery = defineQuery<ExpressChildContext>('expressChildContext');

export function expressChildContext(config: MapRunConfig): ExpressChildContext {
  return {
    definition: config.processor,
    scope: config.scope,
    stateMachineName: config.stateMachineName,
    label: config.label,
    stateMachineArn: config.labelledStateMachineArn,
    roleArn: config.roleArn,
    ...(config.logging ? { logging: config.logging } : {}),
  };
}
