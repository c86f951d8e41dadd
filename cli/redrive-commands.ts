/**
 * Redrive commands: RedriveExecution (with this engine's child selection), and this engine's additions, each named
 * so as not to be taken for an AWS action: plan-redrive, plan-redrive-map-run and redrive-map-run.
 */
import type { Command } from 'commander';
import { runApiCommand } from './api-command';
import { onlyErrorsOption, onlyItemsOption, selectionOf } from './child-selection-options';

export function addRedriveCommands(program: Command): void {
  program
    .command('redrive-execution')
    .description(
      'RedriveExecution: re-run a FAILED, TIMED_OUT or ABORTED execution from the state that failed; ' +
        'with --only-errors / --only-items, its Map Runs re-run only the children selected (not an AWS option)',
    )
    .requiredOption('--execution-arn <arn>')
    .option('--client-token <token>', 'idempotency token (a repeat within 15 minutes redrives once)')
    .addOption(onlyErrorsOption())
    .addOption(onlyItemsOption())
    .action((o) =>
      runApiCommand((sfn) => {
        const mapRunChildren = selectionOf(o);
        return sfn.redriveExecution({
          executionArn: o.executionArn,
          clientToken: o.clientToken,
          ...(mapRunChildren ? { mapRunChildren } : {}),
        });
      }),
    );

  program
    .command('plan-redrive')
    .description(
      'What redrive-execution would do now (not an AWS action): the states and Map Run children it would run again, ' +
        'those it keeps, their errors; reading it changes nothing',
    )
    .requiredOption('--execution-arn <arn>')
    .addOption(onlyErrorsOption())
    .addOption(onlyItemsOption())
    .action((o) =>
      runApiCommand((sfn) => {
        const mapRunChildren = selectionOf(o);
        return sfn.planRedrive({ executionArn: o.executionArn, ...(mapRunChildren ? { mapRunChildren } : {}) });
      }),
    );

  program
    .command('plan-redrive-map-run')
    .description('What redrive-map-run would re-run (not an AWS action); reading it changes nothing')
    .requiredOption('--map-run-arn <arn>')
    .addOption(onlyErrorsOption())
    .addOption(onlyItemsOption())
    .action((o) =>
      runApiCommand((sfn) => {
        const mapRunChildren = selectionOf(o);
        return sfn.planRedriveMapRun({ mapRunArn: o.mapRunArn, ...(mapRunChildren ? { mapRunChildren } : {}) });
      }),
    );

  program
    .command('redrive-map-run')
    .description(
      'Repair a Map Run whose execution SUCCEEDED with tolerated failures (not an AWS action): re-run its failed, ' +
        'timed-out and aborted children under the same Map Run ARN; the execution stays as it was',
    )
    .requiredOption('--map-run-arn <arn>')
    .option('--client-token <token>', 'idempotency token (a repeat within 15 minutes repairs once)')
    .addOption(onlyErrorsOption())
    .addOption(onlyItemsOption())
    .action((o) =>
      runApiCommand((sfn) => {
        const mapRunChildren = selectionOf(o);
        return sfn.redriveMapRun({
          mapRunArn: o.mapRunArn,
          clientToken: o.clientToken,
          ...(mapRunChildren ? { mapRunChildren } : {}),
        });
      }),
    );
}
