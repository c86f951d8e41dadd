import type { Command } from 'commander';
import { runApiCommand } from './api-command';
import type { LoggingConfigurationInput } from '../client/logging-configuration';
import { parseInteger, readArgument, readJsonArgument } from './io';

const LOGGING_HELP =
  'JSON {level: ALL|ERROR|FATAL|OFF, includeExecutionData, destinations: [{cloudWatchLogsLogGroup: {logGroupArn}}]}';

function loggingOption(value: string | undefined): LoggingConfigurationInput | undefined {
  if (value === undefined) return undefined;
  return readJsonArgument(value, '--logging-configuration') as LoggingConfigurationInput;
}

export function addStateMachineCommands(program: Command): void {
  program
    .command('create-state-machine')
    .description('CreateStateMachine: register a definition (ASL JSON) under a name')
    .requiredOption('--name <name>', 'state machine name')
    .requiredOption('--definition <json|file://path>', 'Amazon States Language definition')
    .option('--role-arn <arn>', 'IAM role whose policy the engine checks (none: everything allowed)')
    .option('--type <type>', 'STANDARD (EXPRESS is not supported as a top-level type)', 'STANDARD')
    .option('--logging-configuration <json|file://path>', LOGGING_HELP)
    .action((o) =>
      runApiCommand((sfn) =>
        sfn.createStateMachine({
          name: o.name,
          definition: readArgument(o.definition, '--definition'),
          roleArn: o.roleArn,
          type: o.type,
          loggingConfiguration: loggingOption(o.loggingConfiguration),
        }),
      ),
    );

  program
    .command('describe-state-machine')
    .description('DescribeStateMachine')
    .requiredOption('--state-machine-arn <arn>')
    .action((o) => runApiCommand((sfn) => sfn.describeStateMachine({ stateMachineArn: o.stateMachineArn })));

  program
    .command('describe-state-machine-for-execution')
    .description('DescribeStateMachineForExecution: the definition and role an execution runs, as when it started')
    .requiredOption('--execution-arn <arn>')
    .action((o) => runApiCommand((sfn) => sfn.describeStateMachineForExecution({ executionArn: o.executionArn })));

  program
    .command('update-state-machine')
    .description('UpdateStateMachine: new definition, role and/or logging (running executions keep theirs)')
    .requiredOption('--state-machine-arn <arn>')
    .option('--definition <json|file://path>')
    .option('--role-arn <arn>')
    .option('--logging-configuration <json|file://path>', LOGGING_HELP)
    .action((o) =>
      runApiCommand((sfn) =>
        sfn.updateStateMachine({
          stateMachineArn: o.stateMachineArn,
          definition: o.definition === undefined ? undefined : readArgument(o.definition, '--definition'),
          roleArn: o.roleArn,
          loggingConfiguration: loggingOption(o.loggingConfiguration),
        }),
      ),
    );

  program
    .command('list-state-machines')
    .description('ListStateMachines')
    .option('--max-results <n>')
    .option('--next-token <token>')
    .action((o) =>
      runApiCommand((sfn) =>
        sfn.listStateMachines({
          maxResults: o.maxResults === undefined ? undefined : parseInteger(o.maxResults, '--max-results'),
          nextToken: o.nextToken,
        }),
      ),
    );

  program
    .command('delete-state-machine')
    .description('DeleteStateMachine')
    .requiredOption('--state-machine-arn <arn>')
    .action((o) => runApiCommand((sfn) => sfn.deleteStateMachine({ stateMachineArn: o.stateMachineArn })));
}
