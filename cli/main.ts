/**
 * `tsf`: a command line shaped like `aws stepfunctions`, plus `server` and `worker`.
 * Configuration comes from the environment (README: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TSF_TASK_QUEUE,
 * TSF_REGION, TSF_ACCOUNT, TSF_DATA_DIR).
 */
import { Command } from 'commander';
import { addConsoleCommand } from './console-command';
import { addExecutionCommands } from './execution-commands';
import { addMapRunCommands } from './map-run-commands';
import { addProcessCommands } from './process-commands';
import { addRoleCommands } from './role-commands';
import { addStateMachineCommands } from './state-machine-commands';

const program = new Command('tsf')
  .description('Step Functions state machines, Distributed Map and redrive on Temporal')
  .showHelpAfterError()
  .exitOverride((error) => {
    process.exit(error.exitCode);
  });

addStateMachineCommands(program);
addExecutionCommands(program);
addMapRunCommands(program);
addRoleCommands(program);
addProcessCommands(program);
addConsoleCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exit(1);
});
