/**
 * `tsf logs filter-log-events` and `tsf logs tail`, shaped like `aws logs`, over the log store the environment
 * names: `$TSF_DATA_DIR/logs`, or the CloudWatch Logs-compatible endpoint in TSF_LOGS_ENDPOINT. No Temporal needed.
 */
import type { Command } from 'commander';
import { parseInteger, printError, printJson } from './io';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since`: `10m`, `1h`, `2d`, `1w` before now, or a date (`2026-12-03T09:00:00Z`), as `aws logs tail` takes it. */
export function parseSince(value: string, now = Date.now()): number {
  const relative = /^(\d+)([smhdw])$/.exec(value.trim());
  if (relative) return now - Number(relative[1]) * UNITS[relative[2]!]!;
  const date = Date.parse(value);
  if (Number.isNaN(date)) throw new Error(`--since must be like 30s, 10m, 1h, 2d, 1w or a date, got '${value}'`);
  return date;
}

async function openLogs() {
  const { Logs } = await import('../client/logs');
  return new Logs();
}

async function run(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    printError(error);
    process.exitCode = 1;
  }
}

export function addLogsCommands(program: Command): void {
  const logs = program.command('logs').description('Execution logs, shaped like `aws logs` (docs/logging.md)');

  logs
    .command('filter-log-events')
    .description("FilterLogEvents: a log group's events, oldest first (every page, as the AWS CLI gathers them)")
    .requiredOption('--log-group-name <name>')
    .option('--log-stream-names <names...>')
    .option('--start-time <ms>', 'epoch milliseconds, inclusive')
    .option('--end-time <ms>', 'epoch milliseconds, inclusive')
    .option('--filter-pattern <pattern>', 'terms, "phrases", or { $.field = "value" } (docs/logging.md)')
    .option('--limit <n>', 'events per request (page size), at most 10000')
    .option('--max-items <n>', 'stop after this many events and print a nextToken')
    .option('--next-token <token>', 'continue where an earlier answer stopped')
    .action((o) =>
      run(async () => {
        const reader = await openLogs();
        const int = (value: string | undefined, option: string) =>
          value === undefined ? undefined : parseInteger(value, option);
        const maxItems = int(o.maxItems, '--max-items');
        const limit = int(o.limit, '--limit');
        const events = [];
        let nextToken: string | undefined = o.nextToken;
        try {
          do {
            // With --max-items, the last request asks for no more than is left, so its token resumes exactly there.
            const left = maxItems === undefined ? undefined : maxItems - events.length;
            const page = await reader.filterLogEvents({
              logGroupName: o.logGroupName,
              logStreamNames: o.logStreamNames,
              startTime: int(o.startTime, '--start-time'),
              endTime: int(o.endTime, '--end-time'),
              filterPattern: o.filterPattern,
              limit: left === undefined ? limit : Math.min(left, limit ?? 10_000),
              nextToken,
            });
            events.push(...page.events);
            nextToken = page.nextToken;
          } while (nextToken && (maxItems === undefined || events.length < maxItems));
        } finally {
          reader.close();
        }
        printJson({ events, ...(nextToken ? { nextToken } : {}) });
      }),
    );

  logs
    .command('tail <log-group-name>')
    .description("The log group's recent events, one a line; --follow keeps printing new ones (as `aws logs tail`)")
    .option('--since <when>', 'how far back: 30s, 10m, 1h, 2d, 1w or a date', '10m')
    .option('--follow', 'keep waiting for new events (Ctrl-C ends)')
    .option('--filter-pattern <pattern>', 'terms, "phrases", or { $.field = "value" } (docs/logging.md)')
    .option('--format <format>', 'detailed (time, stream, message) or short (time, message)', 'detailed')
    .action((logGroupName: string, o) =>
      run(async () => {
        if (o.format !== 'detailed' && o.format !== 'short') throw new Error('--format must be detailed or short');
        const reader = await openLogs();
        const stop = new AbortController();
        const abort = () => stop.abort();
        process.once('SIGINT', abort);
        process.once('SIGTERM', abort);
        try {
          const events = reader.tail({
            logGroupName,
            startTime: parseSince(o.since),
            filterPattern: o.filterPattern,
            follow: Boolean(o.follow),
            signal: stop.signal,
          });
          for await (const event of events) {
            const time = new Date(event.timestamp).toISOString();
            const where = o.format === 'detailed' ? ` ${event.logStreamName}` : '';
            process.stdout.write(`${time}${where} ${event.message}\n`);
          }
        } finally {
          process.off('SIGINT', abort);
          process.off('SIGTERM', abort);
          reader.close();
        }
      }),
    );
}
