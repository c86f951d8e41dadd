/**
 * The permission check: a role's policies are read from its actor (workflows/role.ts) when they are used, then
 * evaluated by the pure evaluator (iam/evaluate.ts). A role never given a policy, an ARN that names no IAM role,
 * and the unrestricted default role may do everything.
 */
import type { Client } from '@temporalio/client';
import { evaluate, type AccessRequest } from '../../iam/evaluate';
import { parsePolicyDocument, type PolicyDocument } from '../../iam/policy-document';
import { deniedMessage, parseRoleArn, roleActorId, UNRESTRICTED_ROLE_NAME } from '../../iam/roles';
import { isNotFound } from '../temporal-errors';
import { describeRoleQuery } from '../../messages/role';

/** The role's policies, or undefined when the role is not restricted at all. */
export async function rolePolicies(client: Client, roleArn: string): Promise<PolicyDocument[] | undefined> {
  const id = roleActorId(roleArn);
  if (!id || parseRoleArn(roleArn)?.roleName === UNRESTRICTED_ROLE_NAME) return undefined;
  let role;
  try {
    role = await client.workflow.getHandle(id).query(describeRoleQuery);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  // Documents were checked when put; one that no longer parses grants nothing (fail closed).
  return Object.values(role.policies).flatMap((text) => {
    try {
      return [parsePolicyDocument(text)];
    } catch {
      return [];
    }
  });
}

export interface Denial {
  request: AccessRequest;
  /** IAM's AccessDenied wording, naming the role, the action and the resource. */
  message: string;
}

/** The first request the policies do not allow (undefined: all allowed, or the role is unrestricted). */
export function firstDenial(
  roleArn: string,
  policies: readonly PolicyDocument[] | undefined,
  requests: readonly AccessRequest[],
): Denial | undefined {
  if (!policies) return undefined;
  for (const request of requests) {
    const decision = evaluate(policies, request);
    if (decision !== 'ALLOW') return { request, message: deniedMessage(roleArn, request, decision) };
  }
  return undefined;
}

/** Loads the role's policies once and answers any number of checks with them (a scan checks each file). */
export async function authorizerFor(client: Client, roleArn: string) {
  const policies = await rolePolicies(client, roleArn);
  return (request: AccessRequest): Denial | undefined => firstDenial(roleArn, policies, [request]);
}
