import type { Command } from 'commander';
import { runApiCommand } from './api-command';
import { parseInteger } from './io';
import { noProgressOption, progressIntervalOption, waitWithProgress } from './progress/progress-options';
import { waitForMapRun, watchMapRun } from './progress/watch';

export function addMapRunCommands(program: Command): void {
  program
    .command('describe-map-run')
    .description('DescribeMapRun: status, MaxConcurrency, thresholds, item and execution counts')
    .requiredOption('--map-run-arn <arn>')
    .option('--watch', 'show live progress until the Map Run closes, then print DescribeMapRun')
    .addOption(noProgressOption())
    .addOption(progressIntervalOption())
    .action((o) =>
      runApiCommand((sfn) =>
        o.watch
          ? waitWithProgress(
              o,
              (display) => watchMapRun(sfn, o.mapRunArn, display),
              () => waitForMapRun(sfn, o.mapRunArn),
            )
          : sfn.describeMapRun({ mapRunArn: o.mapRunArn }),
      ),
    );

  program
    .command('list-map-runs')
    .description('ListMapRuns of an execution')
    .requiredOption('--execution-arn <arn>')
    .option('--max-results <n>')
    .option('--next-token <token>')
    .action((o) =>
      runApiCommand((sfn) =>
        sfn.listMapRuns({
          executionArn: o.executionArn,
          maxResults: o.maxResults === undefined ? undefined : parseInteger(o.maxResults, '--max-results'),
          nextToken: o.nextToken,
        }),
      ),
    );

  program
    .command('update-map-run')
    .description('UpdateMapRun: new MaxConcurrency and thresholds for a running Map Run')
    .requiredOption('--map-run-arn <arn>')
    .option('--max-concurrency <n>')
    .option('--tolerated-failure-percentage <p>')
    .option('--tolerated-failure-count <n>')
    .action((o) =>
      runApiCommand((sfn) =>
        sfn.updateMapRun({
          mapRunArn: o.mapRunArn,
          maxConcurrency:
            o.maxConcurrency === undefined ? undefined : parseInteger(o.maxConcurrency, '--max-concurrency'),
          toleratedFailurePercentage:
            o.toleratedFailurePercentage === undefined ? undefined : Number(o.toleratedFailurePercentage),
          toleratedFailureCount:
            o.toleratedFailureCount === undefined
              ? undefined
              : parseInteger(o.toleratedFailureCount, '--tolerated-failure-count'),
        }),
      ),
    );
}
