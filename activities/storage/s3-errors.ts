import { StorageError, type StorageErrorCode } from './object-storage';

interface SdkError {
  name?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

const CODES: Record<string, StorageErrorCode> = {
  NoSuchBucket: 'NoSuchBucket',
  NoSuchKey: 'NoSuchKey',
  AccessDenied: 'AccessDenied',
  AllAccessDisabled: 'AccessDenied',
  InvalidAccessKeyId: 'AccessDenied',
  SignatureDoesNotMatch: 'AccessDenied',
  InvalidBucketName: 'InvalidBucketName',
  KeyTooLongError: 'InvalidKey',
  InvalidRange: 'InvalidRange',
};

const MESSAGES: Partial<Record<StorageErrorCode, string>> = {
  NoSuchBucket: 'The specified bucket does not exist',
  NoSuchKey: 'The specified key does not exist.',
  AccessDenied: 'Access Denied',
};

/**
 * The SDK's error in our vocabulary. HEAD requests carry no body, so a bare 404/403 is classified by status:
 * a 404 on a request that names a key is a missing key.
 */
export function toStorageError(err: unknown, bucket: string, key?: string): StorageError {
  if (err instanceof StorageError) return err;
  const e = (err ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  let code: StorageErrorCode = CODES[e.name ?? ''] ?? CODES[e.Code ?? ''] ?? 'Unknown';
  if (code === 'Unknown' && status === 404) code = key === undefined ? 'NoSuchBucket' : 'NoSuchKey';
  if (code === 'Unknown' && status === 403) code = 'AccessDenied';
  const message = MESSAGES[code] ?? e.message ?? String(err);
  return new StorageError(code, message, bucket, key);
}
