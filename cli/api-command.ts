/**
 * Runs one SDK call for a CLI command: connect, call, print the response, close; errors become exit code 1.
 * The SDK (and with it the Temporal client) is loaded here, when a command runs, not when `tsf` starts.
 */
import type { StepFunctions } from '../client/step-functions';
import { printError, printJson } from './io';

export async function runApiCommand(call: (sfn: StepFunctions) => Promise<unknown>): Promise<void> {
  let close: (() => Promise<void>) | undefined;
  try {
    const [{ loadConfig }, { StepFunctions }] = await Promise.all([
      import('../client/config'),
      import('../client/step-functions'),
    ]);
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
