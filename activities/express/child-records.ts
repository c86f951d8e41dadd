/**
 * What Step Functions "stores the response and status of" for each Express child of a Map Run (sfn-spec §14.1):
 * one small JSON record per child, in the engine's object storage (the same backend as ItemReader and ResultWriter,
 * so every worker and client of a cluster sees it), written by the activity that runs the child, never by the
 * workflows: no workflow history event per child.
 *
 * Key: `<mapRunId>/<status>/<child name>.json`, so a Map Run's children of one status are listed by key alone.
 * A child moves from RUNNING to its outcome; a redrive re-runs it under the same ARN and the new run replaces the
 * old record (the newest record of a child is the one that counts, see `newest`).
 */
import fs from 'node:fs';
import { text } from 'node:stream/consumers';
import type { Json } from '../../asl/json';
import { isStorageError, LocalStorage, type ObjectPage, type ObjectStorage } from '../storage';
import { bucketDir } from '../storage/local-paths';

export type ExpressChildStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

export const EXPRESS_CHILD_STATUSES: readonly ExpressChildStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT'];

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

function recordKey(mapRunId: string, status: ExpressChildStatus, name: string): string {
  return `${mapRunId}/${status}/${name}.json`;
}

/** The Map Run id, the last part of `mapRun:<machine>/<label>:<id>`. */
function mapRunIdOf(mapRunArn: string): string {
  return mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
}

/** Of two records of one child (a re-run caught between its writes), the later run; on a tie, the ended one. */
export function newest(records: ExpressChildRecord[]): ExpressChildRecord | undefined {
  return records.reduce<ExpressChildRecord | undefined>((best, record) => {
    if (!best || record.startDate > best.startDate) return record;
    if (record.startDate === best.startDate && best.status === 'RUNNING') return record;
    return best;
  }, undefined);
}

export class ExpressChildRecords {
  private bucketReady: Promise<void> | undefined;

  constructor(
    private readonly storage: ObjectStorage,
    readonly bucket: string = expressChildrenBucket(),
  ) {}

  /** A child started: its RUNNING record, and no record left of an earlier run (a redrive re-runs it). */
  async started(record: ExpressChildRecord): Promise<void> {
    await this.ensureBucket();
    const id = mapRunIdOf(record.mapRunArn);
    await this.storage.putObject(this.bucket, recordKey(id, 'RUNNING', record.name), JSON.stringify(record));
    const earlier = EXPRESS_CHILD_STATUSES.filter((status) => status !== 'RUNNING');
    await this.storage.deleteObjects(
      this.bucket,
      earlier.map((status) => recordKey(id, status, record.name)),
    );
  }

  /** A child ended: its outcome's record replaces the RUNNING one. */
  async ended(record: ExpressChildRecord): Promise<void> {
    await this.ensureBucket();
    const id = mapRunIdOf(record.mapRunArn);
    await this.storage.putObject(this.bucket, recordKey(id, record.status, record.name), JSON.stringify(record));
    await this.storage.deleteObjects(this.bucket, [recordKey(id, 'RUNNING', record.name)]);
  }

  /** The child's newest record, or undefined when it never started (or its Map Run is unknown). */
  async read(mapRunArn: string, name: string): Promise<ExpressChildRecord | undefined> {
    const id = mapRunIdOf(mapRunArn);
    const found = await Promise.all(EXPRESS_CHILD_STATUSES.map((status) => this.readKey(recordKey(id, status, name))));
    return newest(found.filter((record): record is ExpressChildRecord => record !== undefined));
  }

  /** Names of the Map Run's children with a record of `status`, in key order. */
  async names(mapRunArn: string, status: ExpressChildStatus): Promise<string[]> {
    const prefix = `${mapRunIdOf(mapRunArn)}/${status}/`;
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.storage.listObjects(this.bucket, prefix, token).catch((error: unknown): ObjectPage => {
        if (isStorageError(error) && error.code === 'NoSuchBucket') return { objects: [] };
        throw error;
      });
      for (const object of page.objects) names.push(object.key.slice(prefix.length, -'.json'.length));
      token = page.nextContinuationToken;
    } while (token);
    return names;
  }

  private async readKey(key: string): Promise<ExpressChildRecord | undefined> {
    try {
      return JSON.parse(await text(await this.storage.getObject(this.bucket, key))) as ExpressChildRecord;
    } catch (error) {
      if (isStorageError(error) && (error.code === 'NoSuchKey' || error.code === 'NoSuchBucket')) return undefined;
      throw error;
    }
  }

  /**
   * The local backend's bucket is a folder this engine owns, made on first use; an S3 bucket is the operator's to
   * create (README), and a write to a missing one fails with NoSuchBucket, which the writer reports.
   */
  private ensureBucket(): Promise<void> {
    const { storage } = this;
    if (!(storage instanceof LocalStorage)) return Promise.resolve();
    this.bucketReady ??= fs.promises.mkdir(bucketDir(storage.root, this.bucket), { recursive: true }).then(() => {});
    return this.bucketReady;
  }
}
