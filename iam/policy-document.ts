/**
 * IAM-style policy documents (the subset the engine enforces): Version, Statement (one or a list) with Effect,
 * Action and Resource (a string or a list, `*` and `?` wildcards). Parsed with zod so that a bad document is
 * refused with the JSON path of the bad field (`Statement[0].Effect`), before anything is stored.
 */
import { z } from 'zod';

/** `service:action` with wildcards, or `*` alone. IAM compares actions case-insensitively. */
const ACTION = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;
/** An ARN (wildcards allowed in any part) or `*` alone. */
const RESOURCE = /^(\*|arn:.+)$/;

const oneOrMany = (item: z.ZodString) => z.union([item, z.array(item).min(1, 'must not be an empty list')]);

const statementSchema = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Action: oneOrMany(z.string().regex(ACTION, 'must be "*" or "<service>:<action>" (wildcards * and ? allowed)')),
  Resource: oneOrMany(z.string().regex(RESOURCE, 'must be "*" or an ARN (wildcards * and ? allowed)')),
});

const documentSchema = z.strictObject({
  Version: z.enum(['2012-10-17', '2008-10-17']).optional(),
  Id: z.string().optional(),
  Statement: z.union([statementSchema, z.array(statementSchema).min(1, 'must not be an empty list')]),
});

/** A statement with its one-or-many fields made lists. */
export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
}

export interface PolicyDocument {
  statements: PolicyStatement[];
}

/** The document is refused; `field` is the JSON path of the first bad field (`Statement[0].Effect`). */
export class PolicyDocumentError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : `The policy document ${reason}`);
    this.name = 'PolicyDocumentError';
  }
}

/** `["Statement", 0, "Effect"]` -> `Statement[0].Effect`. */
function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}

const KIND: Record<string, string> = { string: 'a string', array: 'a list', object: 'an object' };

/**
 * The first problem as a field path and a reason. zod reports a failed one-or-many field as a union of its
 * branches; the branch that got furthest into the value says what is wrong (`Action[1]` of a list).
 */
function describeIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): { field: string; reason: string } {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const branches = issue.errors.map((errors) => errors[0]).filter((e): e is z.core.$ZodIssue => e !== undefined);
    const deepest = [...branches].sort((a, b) => b.path.length - a.path.length)[0];
    if (deepest && (deepest.path.length > 0 || deepest.code === 'invalid_union')) return describeIssue(deepest, path);
    const expected = branches.flatMap((b) => (b.code === 'invalid_type' ? [KIND[b.expected] ?? b.expected] : []));
    if (branches.some((b) => /received undefined/.test(b.message)))
      return { field: pathOf(path), reason: 'is required' };
    return { field: pathOf(path), reason: `must be ${expected.join(' or ') || 'valid'}` };
  }
  if (issue.code === 'unrecognized_keys') {
    if (issue.keys.length === 1)
      return { field: pathOf([...path, issue.keys[0]!]), reason: 'is not a supported field' };
    return { field: pathOf(path), reason: `has fields that are not supported: ${issue.keys.join(', ')}` };
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return { field: pathOf(path), reason: 'is required' };
  }
  if (issue.code === 'invalid_type') {
    return { field: pathOf(path), reason: `must be ${KIND[issue.expected] ?? issue.expected}` };
  }
  if (issue.code === 'invalid_value') {
    return { field: pathOf(path), reason: `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}` };
  }
  return { field: pathOf(path), reason: issue.message };
}

function asList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

/** Parses and checks a policy document (JSON text); throws PolicyDocumentError naming the bad field. */
export function parsePolicyDocument(text: string): PolicyDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PolicyDocumentError('', `is not valid JSON: ${(error as Error).message}`);
  }
  const result = documentSchema.safeParse(json);
  if (!result.success) {
    const { field, reason } = describeIssue(result.error.issues[0]!);
    throw new PolicyDocumentError(field, reason);
  }
  const statements = Array.isArray(result.data.Statement) ? result.data.Statement : [result.data.Statement];
  return {
    statements: statements.map((s) => ({
      effect: s.Effect,
      actions: asList(s.Action),
      resources: asList(s.Resource),
    })),
  };
}
