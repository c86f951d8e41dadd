/**
 * `tsf server` and `tsf worker`: the long-running processes. What they run (the dev-server bootstrap, the Temporal
 * worker) is loaded when they run, not when `tsf` starts.
 */
import type { Command } from 'commander';
import { parseInteger, printError } from './io';
import { addWorkerTuningOptions, workerOptionsFrom, type WorkerFlags } from './worker-options';

export function addProcessCommands(program: Command): void {
  program
    .command('server')
    .description('Run the Temporal dev server (built with go install on first use), or reuse one at TEMPORAL_ADDRESS')
    .option('--data-dir <dir>', 'where the server database lives (default: $TSF_DATA_DIR or ./.tsf)')
    .option('--ui-port <port>', 'Temporal Web UI port (default: server port + 1000)')
    .option('--headless', 'no Temporal Web UI')
    .option('--api', 'also serve the Step Functions and IAM APIs for AWS tools, as `tsf api` does')
    .option('--api-port <port>', 'port of the APIs with --api', '8083')
    .action(async (o) => {
      try {
        const [{ loadConfig }, { runServerCommand }, { startApiFromEnvironment }] = await Promise.all([
          import('../client/config'),
          import('../scripts/dev-server/cli'),
          import('./api-server-command'),
        ]);
        const config = loadConfig();
        const apiPort = parseInteger(o.apiPort, '--api-port');
        process.exitCode = await runServerCommand({
          address: config.address,
          dataDir: o.dataDir ?? config.dataDir,
          uiPort: o.headless ? false : o.uiPort === undefined ? undefined : parseInteger(o.uiPort, '--ui-port'),
          ...(o.api ? { onReady: () => startApiFromEnvironment('127.0.0.1', apiPort) } : {}),
        });
      } catch (error) {
        printError(error);
        process.exitCode = 1;
      }
    });

  addWorkerTuningOptions(
    program
      .command('worker')
      .description('Run a worker: the engine workflows plus the Task handlers exported by the given modules')
      .option('--handlers <modules...>', 'modules whose exported async functions are Task handlers', [])
      .option('--task-queue <queue>', 'task queue (default: $TSF_TASK_QUEUE or temporal-step-functions)'),
  ).action(async (o) => {
    try {
      const [{ loadConfig }, { runWorker }] = await Promise.all([
        import('../client/config'),
        import('../worker/run-worker'),
      ]);
      const options = workerOptionsFrom(o as WorkerFlags, o.handlers);
      await runWorker(loadConfig(process.env, o.taskQueue ? { taskQueue: o.taskQueue } : {}), options);
      // Stopped: a handler that ignored its cancellation may still hold a timer; nothing more will run.
      process.exit(0);
    } catch (error) {
      printError(error);
      process.exit(1);
    }
  });
}
