/**
 * The worker's execution log writer: records are queued in memory (adding one never waits) and written to the log
 * store in batches, every `flushIntervalMs` or as soon as `maxBatchRecords` wait, one batch after the other so each
 * log group's records keep their order, and once more when the worker stops. The store retries a failed batch, then
 * counts and reports it; a queue the store cannot keep up with drops what is over `maxQueuedRecords`, counted and
 * reported too. Nothing here ever fails or holds up an execution: delivery is best effort (sfn-spec §14.2).
 */
import type { LogRecord } from './log-batches';
import { addReport, emptyReport, type DeliveryReport, type LogStore } from './log-store';

export interface LogDeliveryOptions {
  /** How long a record waits for others before its batch is written (default 250 ms). */
  flushIntervalMs?: number;
  /** A batch is written at once when this many records wait (default 500). */
  maxBatchRecords?: number;
  /** Records queued at most; more are dropped and counted (default 100,000). */
  maxQueuedRecords?: number;
  /** Where drops and failed writes are reported (the worker's log); default stderr. */
  warn?: (message: string) => void;
  /** What the records are, in those reports (default `Execution logs`). */
  label?: string;
}

export interface LogDeliveryTotals extends DeliveryReport {
  /** Records dropped because the queue was full. */
  dropped: number;
}

export class LogDelivery {
  private queue = new Map<string, LogRecord[]>();
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dropped = 0;
  private droppedReported = 0;
  private readonly total = emptyReport();
  private readonly flushIntervalMs: number;
  private readonly maxBatchRecords: number;
  private readonly maxQueuedRecords: number;
  private readonly warn: (message: string) => void;
  private readonly label: string;

  constructor(
    readonly store: LogStore,
    options: LogDeliveryOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    this.maxBatchRecords = options.maxBatchRecords ?? 500;
    this.maxQueuedRecords = options.maxQueuedRecords ?? 100_000;
    this.warn = options.warn ?? ((message) => void process.stderr.write(`${message}\n`));
    this.label = options.label ?? 'Execution logs';
  }

  /** Queues a record for the log group the ARN names. Never throws, never waits. */
  add(logGroupArn: string, record: LogRecord): void {
    if (this.queued >= this.maxQueuedRecords) {
      this.dropped++;
      return;
    }
    const records = this.queue.get(logGroupArn);
    if (records) records.push(record);
    else this.queue.set(logGroupArn, [record]);
    this.queued++;
    if (this.queued >= this.maxBatchRecords) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes what is queued, after the writes already under way; resolves when it is written (or counted failed). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = new Map();
    this.queued = 0;
    this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  /** Flushes, then reports what was not delivered in all (the worker is stopping). */
  async close(): Promise<void> {
    await this.flush();
    const { failed, dropped } = this.totals();
    if (failed > 0 || dropped > 0) {
      this.warn(`${this.label}: ${failed} records not delivered, ${dropped} dropped (queue full) in all`);
    }
  }

  totals(): LogDeliveryTotals {
    return { ...this.total, dropped: this.dropped };
  }

  private async write(batch: Map<string, LogRecord[]>): Promise<void> {
    this.reportDrops();
    for (const [logGroupArn, records] of batch) {
      try {
        addReport(this.total, await this.store.put(logGroupArn, records));
      } catch (error) {
        // The store reports what it could not deliver; a throw is a fault of its own (a bad ARN...): counted alike.
        addReport(this.total, { events: records.length, delivered: 0, failed: records.length, batches: 0 });
        this.warn(`${this.label} to ${logGroupArn}: ${records.length} records not delivered: ${String(error)}`);
      }
    }
  }

  private reportDrops(): void {
    if (this.dropped === this.droppedReported) return;
    this.warn(
      `${this.label}: ${this.dropped - this.droppedReported} records dropped, the store could not keep up ` +
        `(more than ${this.maxQueuedRecords} waiting)`,
    );
    this.droppedReported = this.dropped;
  }
}
