/**
 * `tsf api`: the Step Functions and IAM APIs over HTTP (api/), so that the AWS CLI, boto3 and the AWS SDKs work
 * unchanged with `--endpoint-url http://127.0.0.1:8083`. Foreground, until Ctrl-C.
 */
import type { Command } from 'commander';
import { parseInteger, printError } from './io';

export function addApiServerCommand(program: Command): void {
  program
    .command('api')
    .description('Serve the Step Functions and IAM APIs for AWS tools (--endpoint-url) on http://127.0.0.1:8083')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8083')
    .option('--host <address>', 'address to bind; anything but loopback needs TSF_API_CREDENTIALS_FILE', '127.0.0.1')
    .action(async (o: { port: string; host: string }) => {
      try {
        // Loaded when the command runs: the SDK is not needed for `tsf --help`.
        const [
          { assertBindable, startApiServer },
          { CREDENTIALS_FILE_VARIABLE, loadApiCredentials },
          { loadConfig },
          sdk,
        ] = await Promise.all([
          import('../api/api-server'),
          import('../api/credentials'),
          import('../client/config'),
          import('../client/step-functions'),
        ]);
        const port = parseInteger(o.port, '--port');
        const file = process.env[CREDENTIALS_FILE_VARIABLE];
        const credentials = file ? await loadApiCredentials(file) : undefined;
        assertBindable(o.host, credentials);
        const { sfn, close } = await sdk.StepFunctions.connect(loadConfig());
        const running = await startApiServer({ sfn, host: o.host, port, credentials }).catch(async (error: unknown) => {
          await close();
          throw error;
        });
        if (credentials === undefined) {
          process.stderr.write(
            `Warning: ${CREDENTIALS_FILE_VARIABLE} is not set: any signature is accepted, from this machine only\n`,
          );
        }
        process.stdout.write(
          `Step Functions and IAM APIs at ${running.url}\n` +
            `  aws stepfunctions list-state-machines --endpoint-url ${running.url}\n`,
        );
        const stop = () => {
          void running.close().then(close, close);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      } catch (error) {
        printError(error);
        process.exitCode = 1;
      }
    });
}
