/**
 * What Step Functions "stores the response and status of" for each Express child of a Map Run (sfn-spec §14.1):
 * a small JSON record per child, in the engine's object storage (the same backend as ItemReader and ResultWriter,
 * so every worker and client of a cluster sees it), written by the worker that runs the child, never by the
 * workflows: no workflow history event per child.
 *
 * Writing: a child that ends has its outcome's record queued, and one still running after a second a RUNNING record
 * before it (child-recorder.ts); the queue is written in batches, one object per batch (child-record-store.ts),
 * within a quarter of a second, and when the worker stops. Reading: every record of the Map Run, the newest run of
 * each child winning (`newest`): a redrive re-runs a child under the same ARN and its new records come after.
 */
import { text } from 'node:stream/consumers';
import type { Json } from '../../asl/json';
import { LogDelivery } from '../logs/log-delivery';
import { isStorageError, type ObjectPage, type ObjectStorage } from '../storage';
import { ChildRecordStore, mapRunRecordsPrefix } from './child-record-store';

export type ExpressChildStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

export interface ExpressChildRecord {
  executionArn: string;
  name: string;
  /** The labelled state machine, `stateMachine:<machine>/<label>`. */
  stateMachineArn: string;
  mapRunArn: string;
  status: ExpressChildStatus;
  input: Json;
  output?: Json;
  error?: string;
  cause?: string;
  /** Milliseconds since the epoch. */
  startDate: number;
  stopDate?: number;
}

/** The bucket the records live in: `TSF_EXPRESS_CHILDREN_BUCKET`, default `tsf-express-children`. */
export function expressChildrenBucket(env: NodeJS.ProcessEnv = process.env): string {
  return env.TSF_EXPRESS_CHILDREN_BUCKET || 'tsf-express-children';
}

/** Of two records of one child, the later run's; of one run's two (RUNNING, then its end), the end. */
export function newer(a: ExpressChildRecord | undefined, b: ExpressChildRecord): ExpressChildRecord {
  if (!a || b.startDate > a.startDate) return b;
  if (b.startDate === a.startDate && a.status === 'RUNNING') return b;
  return a;
}

/** The worker's writer of Express child records: `add` never waits and never throws. */
export class ExpressChildRecordWriter {
  readonly delivery: LogDelivery;

  constructor(storage: ObjectStorage, bucket = expressChildrenBucket()) {
    this.delivery = new LogDelivery(new ChildRecordStore(storage, bucket), {
      label: `Express child records (bucket ${bucket})`,
    });
  }

  add(record: ExpressChildRecord): void {
    this.delivery.add(record.mapRunArn, {
      timestamp: record.stopDate ?? record.startDate,
      message: JSON.stringify(record),
    });
  }

  /** Writes what is queued and reports what was lost in all (the worker is stopping). */
  close(): Promise<void> {
    return this.delivery.close();
  }
}

const READS_AT_ONCE = 16;

/** Reading a Map Run's Express child records (DescribeExecution, ListExecutions). */
export class ExpressChildRecords {
  constructor(
    private readonly storage: ObjectStorage,
    readonly bucket: string = expressChildrenBucket(),
  ) {}

  /** Each child's newest record, by name; empty for a Map Run without Express children (or none started yet). */
  async all(mapRunArn: string): Promise<Map<string, ExpressChildRecord>> {
    const children = new Map<string, ExpressChildRecord>();
    const keys = await this.keys(mapRunRecordsPrefix(mapRunArn));
    // A few batches read at once: a 100,000-child Map Run has a few hundred, and S3 answers each in milliseconds.
    for (let i = 0; i < keys.length; i += READS_AT_ONCE) {
      const bodies = await Promise.all(keys.slice(i, i + READS_AT_ONCE).map((key) => this.body(key)));
      for (const line of bodies.flatMap((body) => body?.split('\n') ?? [])) {
        if (!line) continue;
        const record = JSON.parse(line) as ExpressChildRecord;
        children.set(record.name, newer(children.get(record.name), record));
      }
    }
    return children;
  }

  private async keys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.storage.listObjects(this.bucket, prefix, token).catch((error: unknown): ObjectPage => {
        if (isStorageError(error) && error.code === 'NoSuchBucket') return { objects: [] };
        throw error;
      });
      keys.push(...page.objects.map((object) => object.key));
      token = page.nextContinuationToken;
    } while (token);
    return keys;
  }

  private async body(key: string): Promise<string | undefined> {
    try {
      return await text(await this.storage.getObject(this.bucket, key));
    } catch (error) {
      if (isStorageError(error) && error.code === 'NoSuchKey') return undefined;
      throw error;
    }
  }
}
