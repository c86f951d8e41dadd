/**
 * Policy evaluation, IAM's identity-policy logic in small: an explicit Deny in any statement wins; otherwise a
 * matching Allow allows; otherwise the request is implicitly denied. Pure, so it is unit-tested on its own.
 */
import type { PolicyDocument } from './policy-document';

export type Decision = 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';

export interface AccessRequest {
  /** `service:Action`, e.g. `s3:GetObject`. */
  action: string;
  /** The resource's ARN. */
  resource: string;
}

const patterns = new Map<string, RegExp>();

/**
 * IAM wildcards: `*` any run of characters (also none, also across `:` and `/`), `?` exactly one character.
 * Actions compare case-insensitively (IAM action names do); resources case-sensitively.
 */
export function wildcardMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = patterns.get(key);
  if (!regex) {
    const body = [...pattern]
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (patterns.size > 1000) patterns.clear();
    patterns.set(key, regex);
  }
  return regex.test(value);
}

export function evaluate(policies: readonly PolicyDocument[], request: AccessRequest): Decision {
  let allowed = false;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      const actionMatches = statement.actions.some((a) => wildcardMatches(a, request.action, true));
      if (!actionMatches || !statement.resources.some((r) => wildcardMatches(r, request.resource))) continue;
      if (statement.effect === 'Deny') return 'EXPLICIT_DENY';
      allowed = true;
    }
  }
  return allowed ? 'ALLOW' : 'IMPLICIT_DENY';
}
