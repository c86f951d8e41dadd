/**
 * `tsf setup`: prepares the namespace of the Temporal profile (or `--namespace`) for the engine on any cluster
 * (client/setup.ts). Prints the connection it used (and where each setting came from), the plan and the result as
 * JSON; progress on stderr. A plan that cannot go ahead (retention too short without --set-retention, a search
 * attribute of the wrong type, no visibility slot left) changes nothing and exits 1.
 */
import type { Command } from 'commander';
import { printError, printJson } from './io';

export function addSetupCommand(program: Command): void {
  program
    .command('setup')
    .description(
      "Prepare a namespace for the engine on any Temporal cluster: create it (retention 14 days) if missing and register the engine's search attributes; idempotent",
    )
    .option('--namespace <name>', "namespace to prepare (default: the profile's, $TEMPORAL_NAMESPACE, or default)")
    .option('--set-retention', 'raise a retention shorter than the redrivable period (it is never lowered)')
    .option('--dry-run', 'print the plan, change nothing')
    .action(async (o: { namespace?: string; setRetention?: boolean; dryRun?: boolean }) => {
      try {
        const [{ loadConfig }, { resolveConnectionSettings, describeConnectionSettings }, { runSetup }] =
          await Promise.all([
            import('../client/config'),
            import('../client/connection-settings'),
            import('../client/setup'),
          ]);
        const connection = resolveConnectionSettings({ overrides: { namespace: o.namespace, source: '--namespace' } });
        const config = loadConfig(process.env, { connection });
        const report = await runSetup(connection, {
          retentionMs: config.redriveLimits.redrivablePeriodMs,
          setRetention: Boolean(o.setRetention),
          dryRun: Boolean(o.dryRun),
          log: (line) => process.stderr.write(`${line}\n`),
        });
        printJson({ connection: describeConnectionSettings(connection), ...report });
        if (report.problems.length > 0) {
          printError(Object.assign(new Error(report.message), { name: 'NamespaceNotReady' }));
          process.exitCode = 1;
        }
      } catch (error) {
        printError(error);
        process.exitCode = 1;
      }
    });
}
