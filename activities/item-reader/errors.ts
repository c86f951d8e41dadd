import { StatesError, StatesErrors, isStatesError } from '../../asl/errors';
import { isStorageError, type StorageError } from '../storage/object-storage';

export function itemReaderFailed(cause: string): StatesError {
  return new StatesError(StatesErrors.ItemReaderFailed, cause);
}

export function s3Url(bucket: string, key?: string): string {
  return key === undefined ? `s3://${bucket}` : `s3://${bucket}/${key}`;
}

/** S3's own wording first (users search for it), then which object it was about. */
function storageCause(err: StorageError, bucket: string, key?: string): string {
  const where = key === undefined ? `Bucket: ${bucket}` : `Bucket: ${bucket}, Key: ${key}`;
  switch (err.code) {
    case 'NoSuchKey':
      return `The specified key does not exist. (${where})`;
    case 'NoSuchBucket':
      return `The specified bucket does not exist. (Bucket: ${err.bucket ?? bucket})`;
    case 'AccessDenied':
      return `Access Denied. (${where})`;
    default:
      return `${err.message} (${where})`;
  }
}

/** zlib's codes for corrupt or truncated compressed data: a fault of the file, not of the connection. */
function isDecompressionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/**
 * A reader failure as the Map Run reports it: `States.ItemReaderFailed` with a cause naming the object (and, from
 * the format readers, the line or item at fault). Transient faults (network, a storage error S3 does not name)
 * are rethrown unchanged so the activity is retried instead of failing the Map Run.
 */
export function asItemReaderError(err: unknown, bucket: string, key?: string): unknown {
  if (isStatesError(err)) return err;
  if (isStorageError(err)) return err.code === 'Unknown' ? err : itemReaderFailed(storageCause(err, bucket, key));
  if (isDecompressionError(err)) {
    return itemReaderFailed(`Failed to decompress ${s3Url(bucket, key)}: ${(err as Error).message}`);
  }
  return err;
}

/** A page re-read must hold what the scan saw; anything else means the object was replaced in between. */
export function checkPageItemCount(found: number, expected: number, bucket: string, key?: string): void {
  if (found !== expected) {
    throw itemReaderFailed(
      `${s3Url(bucket, key)} changed after the Map Run read it: expected ${expected} items in this page, found ${found}.`,
    );
  }
}
