/**
 * Messages of the role actor (workflows/role.ts), shared by the workflow, the client and the permission check.
 * Node-free: the workflow bundle imports it.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export interface RoleDescription {
  roleArn: string;
  roleName: string;
  /** Inline policies by name: the documents as they were put (checked when put). */
  policies: Record<string, string>;
  createDate: number;
}

export const describeRoleQuery = defineQuery<RoleDescription>('describe');
/** PutRolePolicy: adds or replaces one inline policy. */
export const putRolePolicyUpdate = defineUpdate<void, [{ policyName: string; policyDocument: string }]>(
  'putRolePolicy',
);
/** DeleteRolePolicy: rejected (validator) with `NoSuchEntity: ...` when the role has no such policy. */
export const deleteRolePolicyUpdate = defineUpdate<void, [{ policyName: string }]>('deleteRolePolicy');

/** The validator's refusal starts with the IAM error name, which the client turns back into that error. */
export const NO_SUCH_POLICY = (roleName: string, policyName: string) =>
  `NoSuchEntity: The role policy with name ${policyName} cannot be found. (role ${roleName})`;
