import * as path from 'node:path';
import { LocalStorage } from './local-storage';
import type { ObjectStorage } from './object-storage';
import { S3Storage, type S3StorageConfig } from './s3-storage';

export interface StorageConfig {
  /** Local backend folder. Default `${TSF_STORAGE_DIR:-${TSF_DATA_DIR:-.tsf}/storage}`. */
  storageDir?: string;
  /** An S3-compatible endpoint selects the S3 backend. Default `TSF_S3_ENDPOINT`. */
  s3Endpoint?: string;
  /** Default `AWS_REGION`, then `AWS_DEFAULT_REGION`, then us-east-1. */
  region?: string;
  /** Default true with a custom endpoint (most S3-compatible servers have no per-bucket host names). */
  forcePathStyle?: boolean;
  /** Default: the SDK's chain, i.e. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, profiles, ... */
  credentials?: S3StorageConfig['credentials'];
  /** Use real AWS S3 (no custom endpoint) instead of the local folder. */
  useAwsS3?: boolean;
}

export function defaultStorageDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TSF_STORAGE_DIR) return path.resolve(env.TSF_STORAGE_DIR);
  return path.resolve(env.TSF_DATA_DIR || '.tsf', 'storage');
}

/** The storage backend for ItemReader and ResultWriter: S3 when an endpoint is configured, else a local folder. */
export function createStorage(config: StorageConfig = {}, env: NodeJS.ProcessEnv = process.env): ObjectStorage {
  const endpoint = config.s3Endpoint ?? (env.TSF_S3_ENDPOINT || undefined);
  if (endpoint || config.useAwsS3) {
    return new S3Storage({
      ...(endpoint ? { endpoint } : {}),
      region: config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
      forcePathStyle: config.forcePathStyle ?? endpoint !== undefined,
      ...(config.credentials ? { credentials: config.credentials } : {}),
    });
  }
  return new LocalStorage(config.storageDir ? path.resolve(config.storageDir) : defaultStorageDir(env));
}
