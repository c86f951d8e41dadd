/**
 * Faults of a definition and how zod issues become faults. Paths are JSON Pointers from the definition root
 * (RFC 6901), so "/States/A~1B/Next" is the Next of the state named "A/B".
 */
import type { z } from 'zod';

export interface DefinitionFault {
  path: string;
  code: string;
  message: string;
}

export const SCHEMA_VALIDATION_FAILED = 'SCHEMA_VALIDATION_FAILED';

export function pointer(base: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>((at, seg) => `${at}/${String(seg).replace(/~/g, '~0').replace(/\//g, '~1')}`, base);
}

/** Collects faults in the order they are found. */
export class Faults {
  readonly list: DefinitionFault[] = [];

  add(path: string, code: string, message: string): void {
    this.list.push({ path, code, message });
  }

  schema(path: string, message: string): void {
    this.add(path, SCHEMA_VALIDATION_FAILED, message);
  }
}

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

function fieldName(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') return `${fieldName(path.slice(0, -1))}[${last}]`;
  return last === undefined ? 'definition' : String(last);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Messages for issues whose schema gave none: schema-level messages take precedence over this map, so this only
 * fills the gaps (a missing required field, a wrong type in a plain field).
 */
const defaultMessages: z.core.$ZodErrorMap = (issue: RawIssue) => {
  const field = fieldName(issue.path ?? []);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `The field "${field}" is required`
        : `The field "${field}" must be of type ${issue.expected === 'record' ? 'object' : issue.expected}, not ${typeOf(issue.input)}`;
    case 'invalid_union':
      return issue.input === undefined
        ? `The field "${field}" is required`
        : `The field "${field}" has a value of the wrong type (${typeOf(issue.input)})`;
    case 'invalid_value':
      return `The field "${field}" must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return `The field "${field}" is not valid`;
  }
};

/** The branch of a failed union to report: the one whose own type matched, else the first. */
function unionBranch(errors: readonly (readonly Issue[])[]): readonly Issue[] {
  const typed = errors.find((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
  return typed ?? errors[0] ?? [];
}

function issueFaults(issue: Issue, base: string, faults: Faults): void {
  const at = pointer(base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys)
      faults.schema(pointer(at, key), `The field "${key}" is not supported by Step Functions`);
    return;
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = unionBranch(issue.errors);
    const allTypes = issue.errors.every((b) => b.every((i) => i.code === 'invalid_type' && i.path.length === 0));
    if (allTypes) {
      faults.schema(at, issue.message);
      return;
    }
    for (const inner of branch) issueFaults(inner, at, faults);
    return;
  }
  const code = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  faults.add(at, typeof code === 'string' ? code : SCHEMA_VALIDATION_FAILED, issue.message);
}

/** Parses `value` (found at `base`) against `schema` and records every issue as a fault. */
export function checkSchema(schema: z.ZodType, value: unknown, base: string, faults: Faults): void {
  // jitless: no generated code, as Temporal's workflow sandbox may forbid eval.
  const result = schema.safeParse(value, { error: defaultMessages, jitless: true });
  if (!result.success) for (const issue of result.error.issues) issueFaults(issue, base, faults);
}
