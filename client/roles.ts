/**
 * PutRolePolicy, GetRolePolicy, DeleteRolePolicy and ListRolePolicies (IAM's inline role policies) over the
 * role actor (workflows/role.ts). Roles exist implicitly: any valid role name can be given a policy, and a role
 * never given one has none (and may do everything). Errors carry IAM's names: NoSuchEntity,
 * MalformedPolicyDocument (naming the bad field), ValidationError, UnmodifiableEntity.
 */
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { parsePolicyDocument, PolicyDocumentError } from '../iam/policy-document';
import { POLICY_NAME_PATTERN, ROLE_NAME_PATTERN, roleArnOf, UNRESTRICTED_ROLE_NAME } from '../iam/roles';
import { deleteRolePolicyUpdate, describeRoleQuery, putRolePolicyUpdate, type RoleDescription } from '../messages/role';
import type { roleWorkflow } from '../workflows/role';
import { NameKey, ResourceTypeKey } from '../messages/search-attributes';
import type { EngineContext } from './engine-context';
import { MalformedPolicyDocument, NoSuchEntity, UnmodifiableEntity, ValidationError } from './errors';
import { isNotFound } from '../activities/temporal-errors';
import type {
  DeleteRolePolicyOutput,
  GetRolePolicyOutput,
  ListRolePoliciesOutput,
  PutRolePolicyOutput,
} from '../messages/responses';

const roleName = z
  .string()
  .regex(ROLE_NAME_PATTERN, 'Member must satisfy regular expression pattern: [\\w+=,.@-]{1,64}');
const policyName = z
  .string()
  .regex(POLICY_NAME_PATTERN, 'Member must satisfy regular expression pattern: [\\w+=,.@-]{1,128}');

export const roleRequests = {
  putRolePolicy: z.object({
    roleName,
    policyName,
    policyDocument: z.string().min(1).max(131_072, 'Member must have length less than or equal to 131072'),
  }),
  getRolePolicy: z.object({ roleName, policyName }),
  deleteRolePolicy: z.object({ roleName, policyName }),
  listRolePolicies: z.object({ roleName }),
};

export type RoleRequests = { [K in keyof typeof roleRequests]: z.input<(typeof roleRequests)[K]> };

function parse<K extends keyof typeof roleRequests>(action: K, request: unknown): z.output<(typeof roleRequests)[K]> {
  const result = roleRequests[action].safeParse(request ?? {});
  if (result.success) return result.data as z.output<(typeof roleRequests)[K]>;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'request';
  throw new ValidationError(
    `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${issue?.message}`,
  );
}

/** The role's actor, or undefined when the role was never given a policy. */
async function describeRole(ctx: EngineContext, name: string): Promise<RoleDescription | undefined> {
  try {
    return await ctx.client.workflow.getHandle(roleArnOf(ctx.scope.account, name)).query(describeRoleQuery);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function noSuchPolicy(role: string, policy: string): Error {
  return new NoSuchEntity(`The role policy with name ${policy} cannot be found. (role ${role})`);
}

export async function putRolePolicy(
  ctx: EngineContext,
  request: RoleRequests['putRolePolicy'],
): Promise<PutRolePolicyOutput> {
  const { roleName: name, policyName: policy, policyDocument } = parse('putRolePolicy', request);
  if (name === UNRESTRICTED_ROLE_NAME) {
    throw new UnmodifiableEntity(
      `Cannot perform the operation on the protected role '${name}': the role of state machines created without ` +
        'a roleArn may do everything. Create the state machine with a role of its own to restrict it.',
    );
  }
  try {
    parsePolicyDocument(policyDocument);
  } catch (error) {
    if (error instanceof PolicyDocumentError) throw new MalformedPolicyDocument(error.message);
    throw error;
  }
  const roleArn = roleArnOf(ctx.scope.account, name);
  const initial: RoleDescription = { roleArn, roleName: name, policies: {}, createDate: Date.now() };
  // Update-with-start: the first policy creates the actor, atomically with the put.
  await ctx.client.workflow.executeUpdateWithStart(putRolePolicyUpdate, {
    args: [{ policyName: policy, policyDocument }],
    startWorkflowOperation: new WithStartWorkflowOperation<typeof roleWorkflow>('roleWorkflow', {
      workflowId: roleArn,
      taskQueue: ctx.taskQueue,
      args: [initial],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: [
        { key: ResourceTypeKey, value: 'role' },
        { key: NameKey, value: name },
      ],
    }),
  });
  return {};
}

export async function getRolePolicy(
  ctx: EngineContext,
  request: RoleRequests['getRolePolicy'],
): Promise<GetRolePolicyOutput> {
  const { roleName: name, policyName: policy } = parse('getRolePolicy', request);
  const role = await describeRole(ctx, name);
  const policyDocument = role && Object.hasOwn(role.policies, policy) ? role.policies[policy] : undefined;
  if (policyDocument === undefined) throw noSuchPolicy(name, policy);
  return { roleName: name, policyName: policy, policyDocument };
}

export async function deleteRolePolicy(
  ctx: EngineContext,
  request: RoleRequests['deleteRolePolicy'],
): Promise<DeleteRolePolicyOutput> {
  const { roleName: name, policyName: policy } = parse('deleteRolePolicy', request);
  const role = await describeRole(ctx, name);
  if (!role || !Object.hasOwn(role.policies, policy)) throw noSuchPolicy(name, policy);
  try {
    await ctx.client.workflow
      .getHandle(role.roleArn)
      .executeUpdate(deleteRolePolicyUpdate, { args: [{ policyName: policy }] });
  } catch (error) {
    // Deleted by someone else between the check and the update.
    if (error instanceof WorkflowUpdateFailedError && /^NoSuchEntity/.test(String(error.cause?.message))) {
      throw noSuchPolicy(name, policy);
    }
    throw error;
  }
  return {};
}

export async function listRolePolicies(
  ctx: EngineContext,
  request: RoleRequests['listRolePolicies'],
): Promise<ListRolePoliciesOutput> {
  const { roleName: name } = parse('listRolePolicies', request);
  const role = await describeRole(ctx, name);
  return { policyNames: Object.keys(role?.policies ?? {}).sort(), isTruncated: false };
}
