/**
 * StartExecution, DescribeExecution, StopExecution and ListExecutions over the execution actor
 * (workflows/execution.ts); GetExecutionHistory lives in history.ts.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { executionArn as makeExecutionArn, expressChildOfArn, parseArn } from '../asl/arn';
import type { executionWorkflow } from '../workflows/execution';
import { stopExecutionUpdate } from '../messages/execution';
import { executionLoggingOf } from '../messages/execution-logging';
import { describeRaw } from './execution-description';
import { listItem } from './execution-list-item';
import {
  NameKey,
  RedriveCountKey,
  ResourceTypeKey,
  StateMachineArnKey,
  StatusKey,
} from '../messages/search-attributes';
import { requireArn } from './arns';
import type { EngineContext } from './engine-context';
import { ExecutionAlreadyExists, InvalidArn, StateMachineTypeNotSupported, ValidationException } from './errors';
import { startExpressExecution } from './express-executions';
import { decodeToken, encodeToken, pageSize } from './pagination';
import { parseRequest, type Requests } from './requests';
import { checkedStart } from './execution-start';
import { checkDefinition, loadStateMachine } from './state-machines';
import { isPendingRedrive, redriveUnderWay } from './pending-redrive';
import { redriveStatusNow } from './redrive-status';
import { describeExpressChild, listExpressChildren } from './express-children';
import { isNotFound } from '../activities/temporal-errors';
import type {
  DescribeExecutionOutput,
  ExecutionListItem,
  ListExecutionsOutput,
  StartExecutionOutput,
  StopExecutionOutput,
} from '../messages/responses';

export async function startExecution(
  ctx: EngineContext,
  request: Requests['startExecution'],
): Promise<StartExecutionOutput> {
  const { stateMachineArn, name = crypto.randomUUID(), input = '{}' } = parseRequest('startExecution', request);
  const parsedInput = checkedStart(name, input);
  const machine = await loadStateMachine(ctx, stateMachineArn);
  if (machine.type === 'EXPRESS') return startExpressExecution(ctx, machine, name, parsedInput);
  const arn = makeExecutionArn(ctx.scope, machine.name, name);
  // Pinned with the definition: an UpdateStateMachine after this start applies to later executions only.
  const logging = executionLoggingOf(machine.loggingConfiguration);
  try {
    const handle = await ctx.client.workflow.start<typeof executionWorkflow>('executionWorkflow', {
      workflowId: arn,
      taskQueue: ctx.taskQueue,
      args: [
        {
          executionArn: arn,
          stateMachineArn,
          stateMachineName: machine.name,
          name,
          definition: checkDefinition(machine.definition),
          input: parsedInput,
          roleArn: machine.roleArn,
          region: ctx.scope.region,
          stateMachineRevision: { revisionId: machine.revisionId, updateDate: machine.updateDate },
          ...(ctx.redriveLimits ? { redriveLimits: ctx.redriveLimits } : {}),
          ...(logging ? { logging } : {}),
        },
      ],
      // Execution names are never reused, as in Step Functions.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [
        { key: ResourceTypeKey, value: 'execution' },
        { key: StateMachineArnKey, value: stateMachineArn },
        { key: NameKey, value: name },
        { key: StatusKey, value: 'RUNNING' },
        { key: RedriveCountKey, value: 0 },
      ],
    });
    const info = await handle.describe();
    return { executionArn: arn, startDate: info.startTime };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    // Same name and input on a running execution is idempotent; anything else is a conflict.
    const existing = await describeRaw(ctx, arn);
    if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(parsedInput)) {
      return { executionArn: arn, startDate: new Date(existing.startDate) };
    }
    throw new ExecutionAlreadyExists(`Execution Already Exists: '${arn}'`);
  }
}

export async function describeExecution(
  ctx: EngineContext,
  request: Requests['describeExecution'],
): Promise<DescribeExecutionOutput> {
  const { executionArn } = parseRequest('describeExecution', request);
  if (expressChildOfArn(executionArn)) return describeExpressChild(ctx, executionArn);
  if (parseArn(executionArn)?.kind === 'express') {
    throw new InvalidArn(
      "Executions of an EXPRESS state machine aren't supported by DescribeExecution unless a Map Run dispatched them",
    );
  }
  const d = await describeRaw(ctx, executionArn);
  return {
    executionArn: d.executionArn,
    stateMachineArn: d.stateMachineArn,
    name: d.name,
    status: d.status,
    startDate: new Date(d.startDate),
    ...(d.stopDate !== undefined ? { stopDate: new Date(d.stopDate) } : {}),
    input: JSON.stringify(d.input),
    inputDetails: { included: true },
    ...(d.status === 'SUCCEEDED'
      ? { output: JSON.stringify(d.output ?? null), outputDetails: { included: true } }
      : {}),
    ...(d.error !== undefined ? { error: d.error } : {}),
    ...(d.cause !== undefined ? { cause: d.cause } : {}),
    redriveCount: d.redriveCount,
    ...(d.redriveDate !== undefined ? { redriveDate: new Date(d.redriveDate) } : {}),
    ...(d.mapRunArn !== undefined ? { mapRunArn: d.mapRunArn } : {}),
    ...redriveStatusNow(d),
    ...(d.refusedRedriveSignal
      ? {
          refusedRedriveSignal: {
            date: new Date(d.refusedRedriveSignal.date),
            ...(d.refusedRedriveSignal.clientToken ? { clientToken: d.refusedRedriveSignal.clientToken } : {}),
            reason: d.refusedRedriveSignal.reason,
          },
        }
      : {}),
  };
}

export async function stopExecution(
  ctx: EngineContext,
  request: Requests['stopExecution'],
): Promise<StopExecutionOutput> {
  const { executionArn, error, cause } = parseRequest('stopExecution', request);
  const current = await describeRaw(ctx, executionArn);
  // Stopping a closed execution changes nothing and answers with the date it closed.
  if (current.status !== 'RUNNING' && current.stopDate !== undefined) return { stopDate: new Date(current.stopDate) };
  try {
    const result = await ctx.client.workflow
      .getHandle(executionArn)
      .executeUpdate(stopExecutionUpdate, { args: [{ error, cause }] });
    return { stopDate: new Date(result.stopDate) };
  } catch (failure) {
    if (!isNotFound(failure)) throw failure;
    const closed = await describeRaw(ctx, executionArn);
    return { stopDate: new Date(closed.stopDate ?? Date.now()) };
  }
}

export function listExecutions(ctx: EngineContext, request: Requests['listExecutions']): Promise<ListExecutionsOutput> {
  return listExecutionsOf(ctx, request, false);
}

/**
 * The executions of every state machine, newest first, paged like ListExecutions: one visibility query, not one per
 * state machine (Step Functions has no such call: its ListExecutions requires an ARN; `tsf list-executions` with
 * neither uses this). Map Run children are not listed; ListExecutions with their mapRunArn lists them.
 */
export function listEveryExecution(
  ctx: EngineContext,
  request: Omit<Requests['listExecutions'], 'stateMachineArn' | 'mapRunArn'>,
): Promise<ListExecutionsOutput> {
  return listExecutionsOf(ctx, request, true);
}

async function listExecutionsOf(
  ctx: EngineContext,
  request: Requests['listExecutions'],
  everyStateMachine: boolean,
): Promise<ListExecutionsOutput> {
  const { stateMachineArn, mapRunArn, statusFilter, redriveFilter, maxResults, nextToken } = parseRequest(
    'listExecutions',
    request,
  );
  let owner: string;
  const pendingRedriveNeedsMapRun = () => {
    if (statusFilter === 'PENDING_REDRIVE') {
      throw new ValidationException('statusFilter PENDING_REDRIVE is only supported together with mapRunArn.');
    }
  };
  if (everyStateMachine) {
    pendingRedriveNeedsMapRun();
    // Executions started by StartExecution carry their state machine's ARN; Map Run children carry their Map Run's.
    owner = 'TsfStateMachineArn IS NOT NULL AND TsfMapRunArn IS NULL';
  } else if ((stateMachineArn === undefined) === (mapRunArn === undefined)) {
    throw new ValidationException(
      'Exactly one of stateMachineArn and mapRunArn must be given.',
      'MISSING_REQUIRED_PARAMETER',
    );
  } else if (mapRunArn !== undefined) {
    requireArn(mapRunArn, 'mapRun');
    owner = `TsfMapRunArn = '${mapRunArn}'`;
  } else {
    requireArn(stateMachineArn!, 'stateMachine');
    pendingRedriveNeedsMapRun();
    const machine = await loadStateMachine(ctx, stateMachineArn!);
    // Step Functions keeps no list of Express executions (only their logs); a Map Run's Express children are listed.
    if (machine.type === 'EXPRESS') {
      throw new StateMachineTypeNotSupported('This operation is not supported by this type of state machine');
    }
    owner = `TsfStateMachineArn = '${stateMachineArn}'`;
  }
  // A Map Run's children waiting to be redriven are closed workflows: their status is worked out below.
  const redrive = mapRunArn !== undefined ? await redriveUnderWay(ctx, mapRunArn) : undefined;
  const filters =
    (statusFilter ? ` AND TsfStatus = '${statusFilter}'` : '') +
    (redriveFilter === 'REDRIVEN' ? ' AND TsfRedriveCount > 0' : '') +
    (redriveFilter === 'NOT_REDRIVEN' ? ' AND TsfRedriveCount = 0' : '');
  // A Map Run child redriven by its Map Run has a run per attempt, and only its newest run says what it is now: its
  // filters are applied below, to that run, not in the visibility query (which would also match older runs).
  const query = `TsfResourceType = 'execution' AND ${owner}` + (mapRunArn === undefined ? filters : '');
  const offset = decodeToken(nextToken, query + filters);
  const size = pageSize(maxResults);
  // A Map Run's Express children are not workflows: their records say what they are (express-children.ts).
  const express =
    mapRunArn !== undefined
      ? await listExpressChildren(ctx, mapRunArn, { statusFilter, redriveFilter }, redrive)
      : undefined;
  if (express) {
    return {
      executions: express.page(offset, size),
      ...(offset + size < express.count ? { nextToken: encodeToken(offset + size, query + filters) } : {}),
    };
  }
  // Visibility puts open workflows first, and a failed execution stays open while redrivable; Step Functions lists
  // by start date, newest first. The execution started when its first run did.
  const byArn = new Map<string, ExecutionListItem & { latestRunStart: Date }>();
  for await (const info of ctx.client.workflow.list({ query })) {
    const item = { ...listItem(info, stateMachineArn, mapRunArn), latestRunStart: info.startTime };
    const seen = byArn.get(info.workflowId);
    if (!seen || item.latestRunStart > seen.latestRunStart) {
      byArn.set(info.workflowId, {
        ...item,
        startDate: seen && seen.startDate < item.startDate ? seen.startDate : item.startDate,
      });
    } else if (item.startDate < seen.startDate) {
      seen.startDate = item.startDate;
    }
  }
  const all = [...byArn.values()]
    .map(({ latestRunStart, ...item }) =>
      isPendingRedrive({ name: item.name, status: item.status, latestRunStart }, redrive)
        ? { ...item, status: 'PENDING_REDRIVE' as const }
        : item,
    )
    .filter((item) => statusFilter === undefined || item.status === statusFilter)
    .filter((item) => redriveFilter === undefined || (redriveFilter === 'REDRIVEN') === item.redriveCount > 0)
    .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  const executions = all.slice(offset, offset + size);
  return {
    executions,
    ...(offset + size < all.length ? { nextToken: encodeToken(offset + size, query + filters) } : {}),
  };
}
