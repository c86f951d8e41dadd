import { parseArn, type ParsedArn } from '../asl/arn';
import { InvalidArn } from './errors';

/** Parses an ARN of the expected kind or throws InvalidArn, as Step Functions does. */
export function requireArn<K extends ParsedArn['kind']>(arn: string, kind: K): Extract<ParsedArn, { kind: K }> {
  const parsed = parseArn(arn);
  if (!parsed || parsed.kind !== kind) throw new InvalidArn(`Invalid Arn: '${arn}'`);
  return parsed as Extract<ParsedArn, { kind: K }>;
}
