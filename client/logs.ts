/**
 * Reading execution logs, shaped like CloudWatch Logs (`aws logs filter-log-events`, `aws logs tail`), over the
 * log store the environment names (activities/logs: the local folder, or TSF_LOGS_ENDPOINT). Needs no Temporal
 * connection: `tsf logs` and `StepFunctions.logs` use it alike.
 */
import { z } from 'zod';
import {
  LOG_GROUP_NAME_PATTERN,
  LogsError,
  openLogStore,
  type FilteredLogEvent,
  type FilterLogEventsResponse,
  type LogStore,
} from '../activities/logs';

const epochMs = z.number().int().min(0);

const filterRequest = z.object({
  logGroupName: z
    .string()
    .regex(LOG_GROUP_NAME_PATTERN, 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+'),
  logStreamNames: z.array(z.string().min(1).max(512)).min(1).max(100).optional(),
  startTime: epochMs.optional(),
  endTime: epochMs.optional(),
  filterPattern: z.string().max(1024).optional(),
  nextToken: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

export type FilterLogEventsInput = z.input<typeof filterRequest>;
export type { FilteredLogEvent, FilterLogEventsResponse };

export interface TailOptions {
  logGroupName: string;
  /** Epoch milliseconds of the first event to show. */
  startTime: number;
  filterPattern?: string;
  /** Keep polling for new events until `signal` aborts. */
  follow?: boolean;
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

function checked(request: FilterLogEventsInput): z.output<typeof filterRequest> {
  const result = filterRequest.safeParse(request ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || 'request';
  throw new LogsError(
    'InvalidParameterException',
    `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${issue.message}`,
  );
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export class Logs {
  constructor(readonly store: LogStore = openLogStore()) {}

  /** FilterLogEvents: one page of a log group's events, oldest first, `nextToken` when there are more. */
  async filterLogEvents(request: FilterLogEventsInput): Promise<FilterLogEventsResponse> {
    return this.store.filter(checked(request));
  }

  /** Every event from `startTime` on, in pages; with `follow`, then each new one as it arrives (as `aws logs tail`). */
  async *tail(options: TailOptions): AsyncGenerator<FilteredLogEvent> {
    let since = options.startTime;
    // Events of the newest millisecond seen: a later poll from that millisecond must not show them again.
    let seenAtSince = new Set<string>();
    for (;;) {
      let nextToken: string | undefined;
      do {
        const page = await this.filterLogEvents({
          logGroupName: options.logGroupName,
          startTime: since,
          ...(options.filterPattern ? { filterPattern: options.filterPattern } : {}),
          ...(nextToken ? { nextToken } : {}),
        });
        for (const event of page.events) {
          if (event.timestamp < since || (event.timestamp === since && seenAtSince.has(event.eventId))) continue;
          if (event.timestamp > since) {
            since = event.timestamp;
            seenAtSince = new Set();
          }
          seenAtSince.add(event.eventId);
          yield event;
        }
        nextToken = page.nextToken;
      } while (nextToken && !options.signal?.aborted);
      if (!options.follow || options.signal?.aborted) return;
      await pause(options.pollIntervalMs ?? 1000, options.signal);
      if (options.signal?.aborted) return;
    }
  }

  close(): void {
    this.store.close();
  }
}
