/** `tsf console`: the web console (console/), served over the SDK with the environment's configuration. */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { parseInteger, printError } from './io';

export function addConsoleCommand(program: Command): void {
  program
    .command('console')
    .description('Serve the web console (executions, Map Runs, redrive) on http://127.0.0.1:8080')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <address>', 'address to bind; anything but loopback needs an access token', '127.0.0.1')
    .option('--token <token>', 'access token browsers must present (generated when --host is not loopback)')
    .action(async (o) => {
      try {
        // Loaded when the command runs: the server (hono) and the SDK are not needed for `tsf --help`.
        const [{ isLoopbackHost }, { startConsoleServer }, { ensureWebBuild }, { loadConfig }, { StepFunctions }] =
          await Promise.all([
            import('../console/server/access'),
            import('../console/server/console-server'),
            import('../console/server/web-build'),
            import('../client/config'),
            import('../client/step-functions'),
          ]);
        const port = parseInteger(o.port, '--port');
        const accessToken: string | undefined =
          o.token ?? (isLoopbackHost(o.host) ? undefined : randomBytes(18).toString('base64url'));
        const webRoot = await ensureWebBuild((line) => process.stderr.write(`${line}\n`));
        const { sfn, close } = await StepFunctions.connect(loadConfig());
        const running = await startConsoleServer({ sfn, webRoot, host: o.host, port, accessToken });
        process.stdout.write(`Console at ${running.openUrl}\n`);
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
