/**
 * `tsf api`: the Step Functions and IAM APIs over HTTP (api/), so that the AWS CLI, boto3 and the AWS SDKs work
 * unchanged with `--endpoint-url http://127.0.0.1:8083`. Foreground, until Ctrl-C. `tsf server --api` starts the
 * same beside the dev server (startApiFromEnvironment).
 */
import type { Command } from 'commander';
import { parseInteger, printError } from './io';

/**
 * Starts the API with the environment's configuration (the Temporal profile, TSF_*, TSF_API_CREDENTIALS_FILE),
 * prints where it listens, and resolves with how to stop it. The SDK is loaded here, not when `tsf` starts.
 */
export async function startApiFromEnvironment(host: string, port: number): Promise<() => Promise<void>> {
  const [{ assertBindable, startApiServer }, { CREDENTIALS_FILE_VARIABLE, loadApiCredentials }, { loadConfig }, sdk] =
    await Promise.all([
      import('../api/api-server'),
      import('../api/credentials'),
      import('../client/config'),
      import('../client/step-functions'),
    ]);
  const file = process.env[CREDENTIALS_FILE_VARIABLE];
  const credentials = file ? await loadApiCredentials(file) : undefined;
  assertBindable(host, credentials);
  const { sfn, close } = await sdk.StepFunctions.connect(loadConfig());
  const running = await startApiServer({ sfn, host, port, credentials }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  process.stderr.write(
    credentials === undefined
      ? `Warning: ${CREDENTIALS_FILE_VARIABLE} is not set: any signature is accepted, from this machine only\n`
      : `Every request must be signed (SigV4) with one of the ${credentials.size} keys of ${file}\n`,
  );
  process.stdout.write(
    `Step Functions and IAM APIs at ${running.url}\n` +
      `  aws stepfunctions list-state-machines --endpoint-url ${running.url}\n`,
  );
  return async () => {
    await running.close();
    await close();
  };
}

export function addApiServerCommand(program: Command): void {
  program
    .command('api')
    .description('Serve the Step Functions and IAM APIs for AWS tools (--endpoint-url) on http://127.0.0.1:8083')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8083')
    .option('--host <address>', 'address to bind; anything but loopback needs TSF_API_CREDENTIALS_FILE', '127.0.0.1')
    .action(async (o: { port: string; host: string }) => {
      try {
        const stop = await startApiFromEnvironment(o.host, parseInteger(o.port, '--port'));
        const onSignal = () => void stop().catch(printError);
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
      } catch (error) {
        printError(error);
        process.exitCode = 1;
      }
    });
}
