/**
 * The log store: where execution logs go and are read from. A loggingConfiguration's log group ARN names a log
 * group in it: by default a local folder (`$TSF_DATA_DIR/logs/<log group>/<log stream>.jsonl`), or, when
 * TSF_LOGS_ENDPOINT is set, any CloudWatch Logs-compatible endpoint. Both answer reads in FilterLogEvents' shape.
 * Delivery is best effort (sfn-spec §14.2): a batch that still fails after its retries is counted and reported
 * in the worker's log, never thrown at the execution.
 */
import os from 'node:os';
import path from 'node:path';
import type { LogRecord } from './log-batches';

export type { LogRecord } from './log-batches';

export interface FilterLogEventsRequest {
  logGroupName: string;
  logStreamNames?: string[];
  /** Epoch milliseconds, inclusive. */
  startTime?: number;
  /** Epoch milliseconds, inclusive. */
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
  /** 1-10,000; default 10,000. */
  limit?: number;
}

/** One event as FilterLogEvents answers it; `message` is the record's text (a JSON record as a JSON string). */
export interface FilteredLogEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

export interface FilterLogEventsResponse {
  events: FilteredLogEvent[];
  nextToken?: string;
}

/** What one `put` delivered. */
export interface DeliveryReport {
  /** Records given. */
  events: number;
  delivered: number;
  /** Records not delivered (after the retries), or refused by the store (too large, too old). */
  failed: number;
  /** Writes (PutLogEvents calls, or appends to a file) that succeeded. */
  batches: number;
}

export interface LogStore {
  readonly kind: 'local' | 'cloudwatch';
  /** Writes records to the log group the ARN names, in this worker's stream of each record's day. */
  put(logGroupArn: string, records: readonly LogRecord[]): Promise<DeliveryReport>;
  filter(request: FilterLogEventsRequest): Promise<FilterLogEventsResponse>;
  /** Every put so far, added up: what the worker reports. */
  totals(): DeliveryReport;
  close(): void;
}

export interface LogStoreOptions {
  /** Names this process's log streams; default `<pid>@<host>`, the worker's identity. */
  workerId?: string;
  /** Where a failed delivery is reported; default stderr. */
  warn?: (message: string) => void;
  /** Attempts of one batch before it counts as failed (default 4: 0.2, 0.4, 0.8 s apart). */
  attempts?: number;
  retryDelayMs?: number;
}

/** `$TSF_DATA_DIR/logs` (the data folder defaults to `.tsf`, as the engine's configuration has it). */
export function defaultLogsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TSF_DATA_DIR || '.tsf', 'logs');
}

export function storeOptionsWithDefaults(options: LogStoreOptions): Required<LogStoreOptions> {
  return {
    workerId: options.workerId ?? `${process.pid}@${os.hostname()}`,
    warn: options.warn ?? ((message) => void process.stderr.write(`${message}\n`)),
    attempts: options.attempts ?? 4,
    retryDelayMs: options.retryDelayMs ?? 200,
  };
}

export function emptyReport(): DeliveryReport {
  return { events: 0, delivered: 0, failed: 0, batches: 0 };
}

export function addReport(total: DeliveryReport, report: DeliveryReport): void {
  total.events += report.events;
  total.delivered += report.delivered;
  total.failed += report.failed;
  total.batches += report.batches;
}
