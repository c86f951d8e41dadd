import * as fs from 'node:fs';
import * as path from 'node:path';
import { StorageError } from './object-storage';

/**
 * Names of in-progress writes. They share the target's folder (so the final rename is atomic) and are invisible
 * to listings; keys may not use the prefix, so a user object can never be mistaken for one.
 */
export const TEMP_FILE_PREFIX = '.tsf-partial-';

const BUCKET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const MAX_KEY_BYTES = 1024;

/** The bucket's folder. A bucket is one path segment: no separators, no `.`/`..`, nothing a shell would expand. */
export function bucketDir(root: string, bucket: string): string {
  if (!BUCKET_NAME.test(bucket)) {
    throw new StorageError('InvalidBucketName', `The specified bucket is not valid: ${JSON.stringify(bucket)}`, bucket);
  }
  const dir = path.resolve(root, bucket);
  if (path.dirname(dir) !== path.resolve(root)) {
    throw new StorageError('InvalidBucketName', `The specified bucket is not valid: ${JSON.stringify(bucket)}`, bucket);
  }
  return dir;
}

function invalidKey(bucket: string, key: string, why: string): StorageError {
  return new StorageError('InvalidKey', `Invalid object key ${JSON.stringify(key)}: ${why}`, bucket, key);
}

/**
 * The file holding `key`. Keys are relative paths of non-empty `/`-separated segments; anything that could name a
 * file outside the bucket folder (`..`, absolute paths, NUL, backslashes, empty segments) is refused, and the
 * resolved path is checked to lie inside the bucket folder in case a rule above missed a trick.
 */
export function objectPath(root: string, bucket: string, key: string): string {
  const dir = bucketDir(root, bucket);
  if (key.length === 0) throw invalidKey(bucket, key, 'empty');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES)
    throw invalidKey(bucket, key, `longer than ${MAX_KEY_BYTES} bytes`);
  if (key.includes('\0')) throw invalidKey(bucket, key, 'contains NUL');
  if (key.includes('\\')) throw invalidKey(bucket, key, 'contains a backslash');
  const segments = key.split('/');
  for (const segment of segments) {
    if (segment === '') throw invalidKey(bucket, key, 'leading, trailing or double slash');
    if (segment === '.' || segment === '..') throw invalidKey(bucket, key, `'${segment}' segment`);
    if (segment.startsWith(TEMP_FILE_PREFIX)) throw invalidKey(bucket, key, `'${TEMP_FILE_PREFIX}' is reserved`);
  }
  const file = path.resolve(dir, ...segments);
  if (!file.startsWith(dir + path.sep)) throw invalidKey(bucket, key, 'escapes its bucket');
  return file;
}

/**
 * Symbolic links inside a bucket could point anywhere: a file is served only if its real path is still inside the
 * bucket's real folder.
 */
export async function assertInsideBucket(root: string, bucket: string, key: string, file: string): Promise<void> {
  const [realDir, realFile] = await Promise.all([
    fs.promises.realpath(bucketDir(root, bucket)),
    fs.promises.realpath(file),
  ]);
  if (!realFile.startsWith(realDir + path.sep)) {
    throw new StorageError('AccessDenied', `Access Denied: ${key} leads outside bucket ${bucket}`, bucket, key);
  }
}
