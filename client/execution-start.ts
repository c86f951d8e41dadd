/**
 * What StartExecution and StartSyncExecution check alike before they start anything: the execution's name, and
 * its input, which must be JSON (InvalidName, InvalidExecutionInput, with Step Functions' wording).
 */
import { NAME_PATTERN } from '../asl/arn';
import type { Json } from '../asl/json';
import { InvalidExecutionInput, InvalidName } from './errors';

export function checkedStart(name: string, input: string): Json {
  if (!NAME_PATTERN.test(name)) throw new InvalidName(`Invalid Name: '${name}'`);
  try {
    return JSON.parse(input) as Json;
  } catch (error) {
    throw new InvalidExecutionInput(`Invalid execution input: ${(error as Error).message}`);
  }
}
