import type { ObjectStorage } from '../storage/object-storage';
import { isStorageError } from '../storage/object-storage';
import { readAll } from '../streams/read-all';
import { manifestKey } from './layout';
import type { ResultFileRef, ResultManifest, ResultTarget } from './types';

/** Keys in AWS's order; all three arrays present even when empty (observed). */
export function buildManifest(
  bucket: string,
  mapRunArn: string,
  files: { FAILED: ResultFileRef[]; PENDING: ResultFileRef[]; SUCCEEDED: ResultFileRef[] },
): ResultManifest {
  return {
    DestinationBucket: bucket,
    MapRunArn: mapRunArn,
    ResultFiles: { FAILED: files.FAILED, PENDING: files.PENDING, SUCCEEDED: files.SUCCEEDED },
  };
}

/** The manifest a previous attempt wrote, if any: a Map Run redrive passes it to finalizeResults. */
export async function readManifest(storage: ObjectStorage, target: ResultTarget): Promise<ResultManifest | undefined> {
  try {
    const text = await readAll(await storage.getObject(target.bucket, manifestKey(target)));
    return JSON.parse(text.toString('utf8')) as ResultManifest;
  } catch (err) {
    if (isStorageError(err) && err.code === 'NoSuchKey') return undefined;
    throw err;
  }
}
