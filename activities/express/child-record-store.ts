/**
 * The store the worker's Express child records go to, in batches (a LogDelivery of its own, child-records.ts): each
 * batch of one Map Run's records is one JSON Lines object, `<mapRunId>/<worker>-<time>-<n>.jsonl`, in the engine's
 * object storage. One write per batch, not per child: a file per child cost a 10,000-child Map Run 4 s of worker
 * CPU (60% of its run); a batch of up to 500 records costs one object write.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { mapRunIdOf } from '../../asl/arn';
import { addReport, emptyReport, type DeliveryReport, type LogRecord, type LogStore } from '../logs/log-store';
import { LocalStorage, type ObjectStorage } from '../storage';
import { bucketDir } from '../storage/local-paths';

const WRITE_ATTEMPTS = 3;
const RETRY_DELAY_MS = 200;

/** The folder of one Map Run's records: its id. */
export function mapRunRecordsPrefix(mapRunArn: string): string {
  return `${mapRunIdOf(mapRunArn)}/`;
}

export class ChildRecordStore implements LogStore {
  readonly kind = 'local' as const;
  private readonly total = emptyReport();
  private readonly writer = `${process.pid}@${os.hostname()}-${randomBytes(3).toString('hex')}`;
  private written = 0;
  private bucketReady: Promise<void> | undefined;

  constructor(
    private readonly storage: ObjectStorage,
    readonly bucket: string,
  ) {}

  /** `key` is the Map Run's ARN; each record's message is one child record's JSON text. */
  async put(mapRunArn: string, records: readonly LogRecord[]): Promise<DeliveryReport> {
    const key = `${mapRunRecordsPrefix(mapRunArn)}${this.writer}-${Date.now().toString(36)}-${this.written++}.jsonl`;
    const body = records.map((record) => `${String(record.message)}\n`).join('');
    // A batch that fails every attempt throws: the delivery counts it as not delivered and reports it.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ensureBucket();
        await this.storage.putObject(this.bucket, key, body);
        break;
      } catch (error) {
        if (attempt === WRITE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      }
    }
    const report = { events: records.length, delivered: records.length, failed: 0, batches: 1 };
    addReport(this.total, report);
    return report;
  }

  filter(): never {
    throw new Error('Express child records are read with ExpressChildRecords, not filtered as logs');
  }

  totals(): DeliveryReport {
    return { ...this.total };
  }

  close(): void {}

  /**
   * The local backend's bucket is a folder this engine owns, made on first use; an S3 bucket is the operator's to
   * create (docs/deploy.md): a write to a missing one fails with NoSuchBucket, which the delivery reports.
   */
  private ensureBucket(): Promise<void> {
    const { storage } = this;
    if (!(storage instanceof LocalStorage)) return Promise.resolve();
    this.bucketReady ??= fs.promises.mkdir(bucketDir(storage.root, this.bucket), { recursive: true }).then(() => {});
    return this.bucketReady;
  }
}
