import type { Command } from 'commander';
import { runApiCommand } from './api-command';
import { parseInteger, readArgument } from './io';
import { noProgressOption, progressIntervalOption, waitWithProgress } from './progress/progress-options';
import { watchExecution } from './progress/watch';

export function addExecutionCommands(program: Command): void {
  program
    .command('start-execution')
    .description('StartExecution')
    .requiredOption('--state-machine-arn <arn>')
    .option('--name <name>', 'execution name (default: a UUID)')
    .option('--input <json|file://path>', 'execution input', '{}')
    .option('--wait', 'wait until the execution closes (showing its Map Runs progress) and print DescribeExecution')
    .addOption(noProgressOption())
    .addOption(progressIntervalOption())
    .action((o) =>
      runApiCommand(async (sfn) => {
        const started = await sfn.startExecution({
          stateMachineArn: o.stateMachineArn,
          name: o.name,
          input: readArgument(o.input, '--input'),
        });
        return o.wait
          ? waitWithProgress(
              o,
              (display) => watchExecution(sfn, started.executionArn, display),
              () => sfn.waitForExecution({ executionArn: started.executionArn }),
            )
          : started;
      }),
    );

  program
    .command('start-sync-execution')
    .description('StartSyncExecution: run an execution of an EXPRESS state machine and print its outcome')
    .requiredOption('--state-machine-arn <arn>')
    .option('--name <name>', 'execution name (default: a UUID)')
    .option('--input <json|file://path>', 'execution input', '{}')
    .option('--included-data <ALL_DATA|METADATA_ONLY>', 'METADATA_ONLY leaves input and output out')
    .action((o) =>
      runApiCommand((sfn) =>
        sfn.startSyncExecution({
          stateMachineArn: o.stateMachineArn,
          name: o.name,
          input: readArgument(o.input, '--input'),
          includedData: o.includedData,
        }),
      ),
    );

  program
    .command('describe-execution')
    .description('DescribeExecution')
    .requiredOption('--execution-arn <arn>')
    .action((o) => runApiCommand((sfn) => sfn.describeExecution({ executionArn: o.executionArn })));

  program
    .command('get-execution-history')
    .description('GetExecutionHistory')
    .requiredOption('--execution-arn <arn>')
    .option('--max-results <n>')
    .option('--next-token <token>')
    .option('--reverse-order', 'newest event first')
    .option('--no-include-execution-data', 'leave out inputs and outputs')
    .action((o) =>
      runApiCommand((sfn) =>
        sfn.getExecutionHistory({
          executionArn: o.executionArn,
          maxResults: o.maxResults === undefined ? undefined : parseInteger(o.maxResults, '--max-results'),
          nextToken: o.nextToken,
          reverseOrder: Boolean(o.reverseOrder),
          includeExecutionData: o.includeExecutionData,
        }),
      ),
    );

  program
    .command('stop-execution')
    .description('StopExecution: the execution ends ABORTED with the given error and cause')
    .requiredOption('--execution-arn <arn>')
    .option('--error <error>')
    .option('--cause <cause>')
    .action((o) =>
      runApiCommand((sfn) => sfn.stopExecution({ executionArn: o.executionArn, error: o.error, cause: o.cause })),
    );

  program
    .command('list-executions')
    .description(
      'ListExecutions: of a state machine, or the child executions of a Map Run; with neither, of every state machine',
    )
    .option('--state-machine-arn <arn>')
    .option('--map-run-arn <arn>')
    .option('--status-filter <status>', 'RUNNING | SUCCEEDED | FAILED | TIMED_OUT | ABORTED | PENDING_REDRIVE')
    .option('--redrive-filter <filter>', 'REDRIVEN | NOT_REDRIVEN')
    .option('--max-results <n>')
    .option('--next-token <token>')
    .action((o) =>
      runApiCommand((sfn) => {
        const request = {
          statusFilter: o.statusFilter,
          redriveFilter: o.redriveFilter,
          maxResults: o.maxResults === undefined ? undefined : parseInteger(o.maxResults, '--max-results'),
          nextToken: o.nextToken,
        };
        if (o.stateMachineArn === undefined && o.mapRunArn === undefined) return sfn.listEveryExecution(request);
        return sfn.listExecutions({ stateMachineArn: o.stateMachineArn, mapRunArn: o.mapRunArn, ...request });
      }),
    );
}
