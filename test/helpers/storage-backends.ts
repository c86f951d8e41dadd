/**
 * The storage backends the shared suites (test/suites/) run against: the local folder backend in unit tests, a
 * real S3-compatible server (versitygw on loopback) in test/integration/storage-s3.test.ts.
 */
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LocalStorage, S3Storage, type ObjectStorage } from '../../activities/storage';
import { tempDir } from './fixtures';

export interface StorageBackend {
  readonly name: 'local' | 's3';
  readonly storage: ObjectStorage;
  /** A new, empty bucket with a unique name. */
  newBucket(): Promise<string>;
  /** Also creates buckets with a given name (conformance cases name theirs). */
  createBucket(name: string): Promise<void>;
}

/** S3 bucket names: lowercase letters, digits and hyphens, 3-63 characters. */
export function uniqueBucketName(): string {
  return `tsf-${randomBytes(6).toString('hex')}`;
}

export function localBackend(root: string = tempDir('storage')): StorageBackend & { root: string } {
  const storage = new LocalStorage(root);
  const createBucket = async (name: string) => void fs.mkdirSync(path.join(root, name), { recursive: true });
  return {
    name: 'local',
    storage,
    root,
    createBucket,
    async newBucket() {
      const name = uniqueBucketName();
      await createBucket(name);
      return name;
    },
  };
}

export function s3Backend(config: {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}): StorageBackend {
  const storage = new S3Storage({ ...config, forcePathStyle: true });
  const createBucket = async (name: string) => {
    try {
      await storage.client.send(new CreateBucketCommand({ Bucket: name }));
    } catch (err) {
      const code = (err as { name?: string }).name;
      if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw err;
    }
  };
  return {
    name: 's3',
    storage,
    createBucket,
    async newBucket() {
      const name = uniqueBucketName();
      await createBucket(name);
      return name;
    },
  };
}

/** Drains a stream into a string. */
export async function readText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
