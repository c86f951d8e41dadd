import type { Readable } from 'node:stream';

/** One entry of a listing, with the fields ListObjectsV2 returns in `Contents`. */
export interface ObjectInfo {
  key: string;
  size: number;
  /** Quoted hex digest, as S3 returns it (`"d41d8cd98f00b204e9800998ecf8427e"`). */
  etag: string;
  lastModified: Date;
  storageClass: string;
}

export interface ObjectPage {
  objects: ObjectInfo[];
  /** Present when more keys follow; pass it back to get the next page. */
  nextContinuationToken?: string;
}

export interface ListOptions {
  /** List keys strictly after this one (ListObjectsV2 `StartAfter`): lets a reader resume at a known item. */
  startAfter?: string;
  /** At most 1000, as on S3. */
  maxKeys?: number;
}

/** Byte range of an object: `start` inclusive, `end` exclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where item files and result files live: a local folder or an S3-compatible service. Readers and writers use
 * only this interface, so both backends run the same code path.
 */
export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  /** Streamed, never whole in memory. With a range, only those bytes. */
  getObject(bucket: string, key: string, range?: ByteRange): Promise<Readable>;
  /** Pages of at most 1000 objects, keys in lexicographic (UTF-8 byte) order. */
  listObjects(
    bucket: string,
    prefix: string | undefined,
    continuationToken?: string,
    options?: ListOptions,
  ): Promise<ObjectPage>;
  putObject(bucket: string, key: string, body: string | Buffer): Promise<{ etag: string }>;
  /** For bodies too large to hold in memory (result files up to 5 GB). The object appears only once complete. */
  putObjectStream(bucket: string, key: string, body: Readable): Promise<{ etag: string; size: number }>;
  /** Missing keys are not an error (as on S3). */
  deleteObjects(bucket: string, keys: string[]): Promise<void>;
}

export type StorageErrorCode =
  'NoSuchBucket' | 'NoSuchKey' | 'AccessDenied' | 'InvalidKey' | 'InvalidBucketName' | 'InvalidRange' | 'Unknown';

/** A storage failure in S3's vocabulary, whichever backend raised it. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly bucket?: string,
    readonly key?: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export function isStorageError(e: unknown): e is StorageError {
  return e instanceof StorageError;
}

/** S3's limit per ListObjectsV2 page and per DeleteObjects call. */
export const MAX_KEYS_PER_PAGE = 1000;
