/**
 * The log store on a CloudWatch Logs-compatible endpoint (TSF_LOGS_ENDPOINT), through @aws-sdk/client-cloudwatch-logs:
 * PutLogEvents in batches within its limits (log-batches.ts), the stream (and its group) created when the server
 * says it is missing, a failed batch retried with backoff and then counted and reported. Reads are FilterLogEvents,
 * the filter pattern passed to the server as it is.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { eventsByStream, splitIntoBatches, type LogEvent, type LogRecord } from './log-batches';
import { logGroupNameOf } from './log-group-arn';
import {
  addReport,
  emptyReport,
  storeOptionsWithDefaults,
  type DeliveryReport,
  type FilterLogEventsRequest,
  type FilterLogEventsResponse,
  type LogStore,
  type LogStoreOptions,
} from './log-store';

export interface CloudWatchLogStoreConfig {
  endpoint?: string;
  region: string;
  /** Default: the SDK's chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, ...). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nameOf = (error: unknown) => (error as { name?: string }).name;

export class CloudWatchLogStore implements LogStore {
  readonly kind = 'cloudwatch' as const;
  readonly client: CloudWatchLogsClient;
  private readonly options: Required<LogStoreOptions>;
  private readonly total = emptyReport();

  constructor(config: CloudWatchLogStoreConfig, options: LogStoreOptions = {}) {
    this.client = new CloudWatchLogsClient({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
      // The store retries whole batches itself (after creating a missing stream); one SDK attempt each.
      maxAttempts: 1,
    });
    this.options = storeOptionsWithDefaults(options);
  }

  async put(logGroupArn: string, records: readonly LogRecord[]): Promise<DeliveryReport> {
    const group = logGroupNameOf(logGroupArn);
    const report: DeliveryReport = { ...emptyReport(), events: records.length };
    for (const [stream, events] of eventsByStream(this.options.workerId, records)) {
      const { batches, oversized } = splitIntoBatches(events);
      report.failed += oversized.length;
      // One stream's batches in order: CloudWatch Logs keeps a stream's events in the order they arrive.
      for (const batch of batches) {
        const delivered = await this.deliver(group, stream, batch);
        report.delivered += delivered;
        report.failed += batch.length - delivered;
        if (delivered > 0) report.batches++;
      }
    }
    if (report.failed > 0) {
      this.options.warn(`Log delivery to ${group}: ${report.failed} of ${report.events} events not delivered`);
    }
    addReport(this.total, report);
    return report;
  }

  /** Sends one batch, with retries; how many of its events the server took. */
  private async deliver(group: string, stream: string, batch: LogEvent[]): Promise<number> {
    let created = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.client.send(
          new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: batch }),
        );
        return batch.length - rejectedCount(answer.rejectedLogEventsInfo, batch.length);
      } catch (error) {
        if (!created && nameOf(error) === 'ResourceNotFoundException') {
          // The stream (or its group) is missing: create it once, then send again at once.
          created = true;
          if (await this.createStream(group, stream)) continue;
        }
        if (attempt >= this.options.attempts) {
          this.options.warn(
            `Log delivery to ${group}/${stream} failed after ${attempt} attempts: ${nameOf(error)}: ${(error as Error).message}`,
          );
          return 0;
        }
        await sleep(this.options.retryDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  /** Creates the stream, and the group first if the server says it is missing; false when nothing was created. */
  private async createStream(group: string, stream: string): Promise<boolean> {
    const create = () => this.client.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    try {
      await create();
      return true;
    } catch (error) {
      if (nameOf(error) === 'ResourceAlreadyExistsException') return true;
      if (nameOf(error) !== 'ResourceNotFoundException') return false;
    }
    try {
      await this.client.send(new CreateLogGroupCommand({ logGroupName: group }));
    } catch (error) {
      if (nameOf(error) !== 'ResourceAlreadyExistsException') return false;
    }
    try {
      await create();
    } catch (error) {
      if (nameOf(error) !== 'ResourceAlreadyExistsException') return false;
    }
    return true;
  }

  async filter(request: FilterLogEventsRequest): Promise<FilterLogEventsResponse> {
    const answer = await this.client.send(new FilterLogEventsCommand({ ...request }));
    return {
      events: (answer.events ?? []).map((e) => ({
        logStreamName: e.logStreamName ?? '',
        timestamp: e.timestamp ?? 0,
        message: e.message ?? '',
        ingestionTime: e.ingestionTime ?? 0,
        eventId: e.eventId ?? '',
      })),
      ...(answer.nextToken ? { nextToken: answer.nextToken } : {}),
    };
  }

  totals(): DeliveryReport {
    return { ...this.total };
  }

  close(): void {
    this.client.destroy();
  }
}

/** Events the server refused (too old, too new, expired): the indexes rejectedLogEventsInfo gives. */
function rejectedCount(
  info:
    | { tooNewLogEventStartIndex?: number; tooOldLogEventEndIndex?: number; expiredLogEventEndIndex?: number }
    | undefined,
  size: number,
): number {
  if (!info) return 0;
  const old = Math.max(info.tooOldLogEventEndIndex ?? -1, info.expiredLogEventEndIndex ?? -1) + 1;
  const tooNew = info.tooNewLogEventStartIndex === undefined ? 0 : size - info.tooNewLogEventStartIndex;
  return Math.min(size, old + tooNew);
}
