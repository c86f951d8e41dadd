/**
 * CreateStateMachine, DescribeStateMachine, UpdateStateMachine, ListStateMachines, DeleteStateMachine over the
 * registry actor (workflows/state-machine.ts).
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { NAME_PATTERN, stateMachineArn } from '../asl/arn';
import { formatInvalidDefinition, validateDefinition } from '../asl/validate';
import { expressFaults } from '../asl/express-definition';
import type { StateMachineDefinition } from '../asl/types';
import {
  deleteStateMachineUpdate,
  describeStateMachineQuery,
  updateStateMachineUpdate,
  type StateMachineDescription,
} from '../messages/execution';
import type { stateMachineWorkflow } from '../workflows/state-machine';
import { NameKey, ResourceTypeKey, StateMachineArnKey } from '../messages/search-attributes';
import { requireArn } from './arns';
import {
  checkLogDeliveryAllowed,
  checkLoggingConfiguration,
  loggingConfigurationOf,
  sameLogging,
} from './logging-configuration';
import type { EngineContext } from './engine-context';
import {
  InvalidDefinition,
  InvalidName,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  ValidationException,
} from './errors';
import { decodeToken, encodeToken, pageSize } from './pagination';
import { parseRequest, type Requests } from './requests';
import { isNotFound } from '../activities/temporal-errors';
import type {
  CreateStateMachineOutput,
  DeleteStateMachineOutput,
  DescribeStateMachineOutput,
  ListStateMachinesOutput,
  StateMachineListItem,
  UpdateStateMachineOutput,
  StateMachineType,
} from '../messages/responses';

/** Parses and validates a definition string; every fault is reported with its JSON path. */
/** The definition checked, and for an EXPRESS state machine what Express refuses (asl/express-definition.ts). */
export function checkDefinitionFor(type: StateMachineType, definition: string): StateMachineDefinition {
  const parsed = checkDefinition(definition);
  const faults = type === 'EXPRESS' ? expressFaults(parsed) : [];
  if (faults.length > 0) throw new InvalidDefinition(formatInvalidDefinition(faults));
  return parsed;
}

export function checkDefinition(definition: string): StateMachineDefinition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (error) {
    throw new InvalidDefinition(
      `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(error as Error).message}'`,
    );
  }
  const result = validateDefinition(parsed);
  if (!result.ok) throw new InvalidDefinition(formatInvalidDefinition(result.faults));
  return result.definition;
}

export async function createStateMachine(
  ctx: EngineContext,
  request: Requests['createStateMachine'],
): Promise<CreateStateMachineOutput> {
  const {
    name,
    definition,
    roleArn = ctx.defaultRoleArn,
    type = 'STANDARD',
    loggingConfiguration: loggingInput,
  } = parseRequest('createStateMachine', request);
  if (!NAME_PATTERN.test(name)) throw new InvalidName(`Invalid Name: '${name}'`);
  checkDefinitionFor(type, definition);
  const loggingConfiguration = checkLoggingConfiguration(loggingInput ?? {});
  await checkLogDeliveryAllowed(ctx.client, roleArn, loggingConfiguration);
  const arn = stateMachineArn(ctx.scope, name);
  const now = Date.now();
  const description: StateMachineDescription = {
    stateMachineArn: arn,
    name,
    definition,
    roleArn,
    type,
    status: 'ACTIVE',
    creationDate: now,
    updateDate: now,
    revisionId: crypto.randomUUID(),
    loggingConfiguration,
  };
  try {
    await ctx.client.workflow.start<typeof stateMachineWorkflow>('stateMachineWorkflow', {
      workflowId: arn,
      taskQueue: ctx.taskQueue,
      args: [description],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      memo: { creationDate: now, type },
      typedSearchAttributes: [
        { key: ResourceTypeKey, value: 'stateMachine' },
        { key: StateMachineArnKey, value: arn },
        { key: NameKey, value: name },
      ],
    });
    return { stateMachineArn: arn, creationDate: new Date(now) };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    // Step Functions makes a repeated identical create idempotent and refuses a different one.
    const existing = await describeRaw(ctx, arn);
    const same =
      existing.definition === definition &&
      existing.roleArn === roleArn &&
      sameLogging(loggingConfigurationOf(existing), loggingConfiguration);
    if (same) {
      return { stateMachineArn: arn, creationDate: new Date(existing.creationDate) };
    }
    throw new StateMachineAlreadyExists(`State Machine Already Exists: '${arn}'`);
  }
}

async function describeRaw(ctx: EngineContext, arn: string): Promise<StateMachineDescription> {
  const handle = ctx.client.workflow.getHandle(arn);
  try {
    const info = await handle.describe();
    if (info.status.name !== 'RUNNING') throw new StateMachineDoesNotExist(`State Machine Does Not Exist: '${arn}'`);
    return await handle.query(describeStateMachineQuery);
  } catch (error) {
    if (isNotFound(error)) throw new StateMachineDoesNotExist(`State Machine Does Not Exist: '${arn}'`);
    throw error;
  }
}

/** The definition and role a new execution pins. */
export async function loadStateMachine(ctx: EngineContext, arn: string): Promise<StateMachineDescription> {
  requireArn(arn, 'stateMachine');
  return describeRaw(ctx, arn);
}

export async function describeStateMachine(
  ctx: EngineContext,
  request: Requests['describeStateMachine'],
): Promise<DescribeStateMachineOutput> {
  const { stateMachineArn: arn } = parseRequest('describeStateMachine', request);
  requireArn(arn, 'stateMachine');
  const d = await describeRaw(ctx, arn);
  return {
    stateMachineArn: d.stateMachineArn,
    name: d.name,
    status: d.status,
    definition: d.definition,
    roleArn: d.roleArn,
    type: d.type,
    creationDate: new Date(d.creationDate),
    revisionId: d.revisionId,
    loggingConfiguration: loggingConfigurationOf(d),
  };
}

export async function updateStateMachine(
  ctx: EngineContext,
  request: Requests['updateStateMachine'],
): Promise<UpdateStateMachineOutput> {
  const {
    stateMachineArn: arn,
    definition,
    roleArn,
    loggingConfiguration: loggingInput,
  } = parseRequest('updateStateMachine', request);
  requireArn(arn, 'stateMachine');
  if (definition === undefined && roleArn === undefined && loggingInput === undefined) {
    throw new ValidationException(
      'Either definition, roleArn or loggingConfiguration must be given.',
      'MISSING_REQUIRED_PARAMETER',
    );
  }
  if (definition !== undefined) checkDefinition(definition);
  const loggingConfiguration = loggingInput === undefined ? undefined : checkLoggingConfiguration(loggingInput);
  const current = await describeRaw(ctx, arn);
  if (definition !== undefined) checkDefinitionFor(current.type, definition);
  if (loggingConfiguration !== undefined || roleArn !== undefined) {
    // The role that will deliver the logs, and the logs it will deliver, after this update.
    const logging = loggingConfiguration ?? loggingConfigurationOf(current);
    await checkLogDeliveryAllowed(ctx.client, roleArn ?? current.roleArn, logging);
  }
  const change = { definition, roleArn, ...(loggingConfiguration ? { loggingConfiguration } : {}) };
  const result = await ctx.client.workflow.getHandle(arn).executeUpdate(updateStateMachineUpdate, { args: [change] });
  return { updateDate: new Date(result.updateDate), revisionId: result.revisionId };
}

export async function deleteStateMachine(
  ctx: EngineContext,
  request: Requests['deleteStateMachine'],
): Promise<DeleteStateMachineOutput> {
  const { stateMachineArn: arn } = parseRequest('deleteStateMachine', request);
  requireArn(arn, 'stateMachine');
  try {
    await describeRaw(ctx, arn);
  } catch (error) {
    // Deleting what is already gone succeeds, as in Step Functions.
    if (error instanceof StateMachineDoesNotExist) return {};
    throw error;
  }
  await ctx.client.workflow.getHandle(arn).executeUpdate(deleteStateMachineUpdate);
  return {};
}

export async function listStateMachines(
  ctx: EngineContext,
  request: Requests['listStateMachines'],
): Promise<ListStateMachinesOutput> {
  const { maxResults, nextToken } = parseRequest('listStateMachines', request);
  const query = `TsfResourceType = 'stateMachine' AND ExecutionStatus = 'Running'`;
  const offset = decodeToken(nextToken, query);
  const size = pageSize(maxResults);
  const stateMachines: StateMachineListItem[] = [];
  let index = 0;
  let more = false;
  for await (const info of ctx.client.workflow.list({ query })) {
    if (index++ < offset) continue;
    if (stateMachines.length === size) {
      more = true;
      break;
    }
    const memo = info.memo as { creationDate?: number; type?: StateMachineType } | undefined;
    const created = memo?.creationDate;
    stateMachines.push({
      stateMachineArn: info.workflowId,
      name: info.typedSearchAttributes.get(NameKey) ?? info.workflowId.split(':').at(-1) ?? '',
      type: memo?.type ?? 'STANDARD',
      creationDate: new Date(created ?? info.startTime.getTime()),
    });
  }
  return { stateMachines, ...(more ? { nextToken: encodeToken(offset + size, query) } : {}) };
}
