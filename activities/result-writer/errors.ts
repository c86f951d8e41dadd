import { StatesError, StatesErrors, isStatesError } from '../../asl/errors';
import { isStorageError } from '../storage/object-storage';

export function resultWriterFailed(cause: string): StatesError {
  return new StatesError(StatesErrors.ResultWriterFailed, cause);
}

/**
 * Definite storage answers (no such bucket, access denied, invalid key) fail the Map Run with
 * `States.ResultWriterFailed`; anything else (network, an error S3 does not name) is rethrown so the activity is
 * retried.
 */
export function asResultWriterError(err: unknown, bucket: string, key?: string): unknown {
  if (isStatesError(err) || !isStorageError(err) || err.code === 'Unknown') return err;
  const where = key === undefined ? `Bucket: ${bucket}` : `Bucket: ${bucket}, Key: ${key}`;
  switch (err.code) {
    case 'NoSuchBucket':
      return resultWriterFailed(`The specified bucket does not exist. (Bucket: ${bucket})`);
    case 'AccessDenied':
      return resultWriterFailed(`Access Denied. (${where})`);
    default:
      return resultWriterFailed(`${err.message} (${where})`);
  }
}
