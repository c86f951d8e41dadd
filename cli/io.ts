/**
 * Argument and output conventions shared by every `tsf` command, shaped like the AWS CLI: `file://` arguments,
 * pretty JSON on stdout, `Name: message` on stderr with a non-zero exit.
 */
import fs from 'node:fs';

/** `file://path` reads the file (as the AWS CLI does); anything else is taken literally. */
export function readArgument(value: string, option: string): string {
  if (!value.startsWith('file://')) return value;
  const file = value.slice('file://'.length);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${option} from ${file}: ${(error as Error).message}`);
  }
}

/** A JSON argument (`file://` read first), parsed; the option is named when it is not JSON. */
export function readJsonArgument(value: string, option: string): unknown {
  const text = readArgument(value, option);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${option} must be JSON: ${(error as Error).message}`);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printError(error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`${err.name}: ${err.message}\n`);
}

export function parseInteger(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`${option} must be an integer, got '${value}'`);
  return n;
}
