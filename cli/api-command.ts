/**
 * Runs one SDK call for a CLI command: connect, call, print the response, close; errors become exit code 1.
 */
import { loadConfig } from '../client/config';
import { StepFunctions } from '../client/step-functions';
import { printError, printJson } from './io';

export async function runApiCommand(call: (sfn: StepFunctions) => Promise<unknown>): Promise<void> {
  let close: (() => Promise<void>) | undefined;
  try {
    const connected = await StepFunctions.connect(loadConfig());
    close = connected.close;
    printJson(await call(connected.sfn));
  } catch (error) {
    printError(error);
    process.exitCode = 1;
  } finally {
    await close?.().catch(() => undefined);
  }
}
