/**
 * Role names and ARNs, the resources the engine checks, and the wording of a denial.
 */
import type { AccessRequest, Decision } from './evaluate';

/** IAM role names: 1-64 of letters, digits and `+=,.@_-`. */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
/** IAM policy names: 1-128 of the same characters. */
export const POLICY_NAME_PATTERN = /^[\w+=,.@-]{1,128}$/;

/** The role of state machines created without one: it may do everything, and takes no policy. */
export const UNRESTRICTED_ROLE_NAME = 'temporal-step-functions-unrestricted';

export function roleArnOf(account: string, roleName: string): string {
  return `arn:aws:iam::${account}:role/${roleName}`;
}

/** `arn:aws:iam::<account>:role/<path/>Name` -> account and name (the path does not belong to the name). */
export function parseRoleArn(roleArn: string): { account: string; roleName: string } | undefined {
  const match = /^arn:aws:iam::(\d{12}):role\/(?:[^/]+\/)*([^/]+)$/.exec(roleArn);
  if (!match || !ROLE_NAME_PATTERN.test(match[2]!)) return undefined;
  return { account: match[1]!, roleName: match[2]! };
}

/** The workflow id of a role's actor: its ARN without a path, so that every spelling of the role finds it. */
export function roleActorId(roleArn: string): string | undefined {
  const parsed = parseRoleArn(roleArn);
  return parsed && roleArnOf(parsed.account, parsed.roleName);
}

export const s3BucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
export const s3ObjectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

/**
 * IAM's AccessDenied wording (the engine has no STS session, so the role itself is the principal), e.g.
 * `User: arn:aws:iam::000000000000:role/R is not authorized to perform: s3:GetObject on resource:
 * arn:aws:s3:::items/in.json because no identity-based policy allows the s3:GetObject action`.
 */
export function deniedMessage(roleArn: string, request: AccessRequest, decision: Exclude<Decision, 'ALLOW'>): string {
  const because =
    decision === 'EXPLICIT_DENY'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${request.action} action`;
  return `User: ${roleArn} is not authorized to perform: ${request.action} on resource: ${request.resource} ${because}`;
}
