/**
 * Request members checked against the service model's constraints, with the wording AWS's services use, so that a
 * script that matches on AWS's message (or a person who has read it before) recognises ours:
 * `2 validation errors detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be
 * null; Value 'x...' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`.
 * A member of the wrong JSON type is a SerializationException, as AWS answers it (the model cannot even be read).
 */
import type { z } from 'zod';

export type ProtocolFailure = { name: string; message: string };

/** How AWS shows the value that broke a constraint: strings quoted, null as null, anything else quoted as text. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

function constraintOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return 'Member must not be null';
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `Member must have length greater than or equal to ${issue.minimum}`
        : `Member must have value greater than or equal to ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `Member must have length less than or equal to ${issue.maximum}`
        : `Member must have value less than or equal to ${issue.maximum}`;
    case 'invalid_value':
      return `Member must satisfy enum value set: [${issue.values.map(String).join(', ')}]`;
    case 'invalid_format':
      return `Member must satisfy regular expression pattern: ${'pattern' in issue ? String(issue.pattern) : issue.format}`;
    default:
      return issue.message;
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = issue.path.map(String).join('.') || 'request';
  const value = issue.code === 'invalid_type' ? undefined : issue.input;
  return `Value ${shown(value)} at '${at}' failed to satisfy constraint: ${constraintOf(issue)}`;
}

/** A member present with the wrong JSON type (a number for a string, ...): not a constraint, a shape the model refuses. */
function wrongType(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssueInvalidType | undefined {
  return issues.find(
    (issue): issue is z.core.$ZodIssueInvalidType =>
      issue.code === 'invalid_type' && issue.input !== undefined && issue.input !== null,
  );
}

/**
 * Parses `input` with `schema`; on failure returns the error AWS would answer. `validationName` is the service's own
 * name for it: Step Functions says ValidationException, IAM ValidationError.
 */
export function checkRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
  validationName: string,
): { ok: true; value: z.output<S> } | { ok: false; failure: ProtocolFailure } {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const typeError = wrongType(result.error.issues);
  if (typeError) {
    const at = typeError.path.map(String).join('.');
    return {
      ok: false,
      failure: {
        name: 'SerializationException',
        message: `Member '${at}' must be of type ${typeError.expected}, got ${shown(typeError.input)}`,
      },
    };
  }
  const issues = result.error.issues;
  const count = issues.length === 1 ? '1 validation error' : `${issues.length} validation errors`;
  return {
    ok: false,
    failure: { name: validationName, message: `${count} detected: ${issues.map(describeIssue).join('; ')}` },
  };
}
