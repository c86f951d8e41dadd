/**
 * `tsf`: a command line shaped like `aws stepfunctions` (and `aws iam`, `aws logs`), plus `server`, `setup`,
 * `worker`, `console` and `api`.
 * Configuration comes from the environment (docs/configuration.md): the Temporal profile and TEMPORAL_* variables
 * (address, namespace, TLS, API key), TSF_TASK_QUEUE, TSF_REGION, TSF_ACCOUNT, TSF_DATA_DIR.
 *
 * Only commander is loaded up front: each command loads what it runs (the Temporal client, the worker, the console
 * server) when it runs, so `tsf --help` and `tsf --version` answer at once.
 */
import { Command } from 'commander';
import { addApiServerCommand } from './api-server-command';
import { addConsoleCommand } from './console-command';
import { addExecutionCommands } from './execution-commands';
import { addRedriveCommands } from './redrive-commands';
import { addLogsCommands } from './logs-commands';
import { addMapRunCommands } from './map-run-commands';
import { addProcessCommands } from './process-commands';
import { addRoleCommands } from './role-commands';
import { addSetupCommand } from './setup-command';
import { addStateMachineCommands } from './state-machine-commands';

/** Runs `tsf` with node's argv; bin/tsf.cjs passes the package version. */
export function main(argv: string[], version: string): void {
  const program = new Command('tsf')
    .description('Step Functions state machines, Distributed Map and redrive on Temporal')
    .version(version, '-V, --version', 'print the version of temporal-step-functions')
    .showHelpAfterError()
    .exitOverride((error) => {
      process.exit(error.exitCode);
    });

  addStateMachineCommands(program);
  addExecutionCommands(program);
  addRedriveCommands(program);
  addMapRunCommands(program);
  addRoleCommands(program);
  addLogsCommands(program);
  addProcessCommands(program);
  addSetupCommand(program);
  addConsoleCommand(program);
  addApiServerCommand(program);

  program.parseAsync(argv).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    process.exit(1);
  });
}
