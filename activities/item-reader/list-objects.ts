import type { Json, JsonObject } from '../../asl/json';
import type { ObjectInfo, ObjectStorage } from '../storage/object-storage';
import { stringField } from './cursor';
import { itemReaderFailed, s3Url } from './errors';
import { itemBytesOf, PageBuilder } from './page-builder';
import type { ResolvedItemReader, ScanLimits, ScanOptions, ScanResult } from './types';

/**
 * One item per object, shaped like the `Contents` entries Step Functions passes on (sfn-spec §1.4): `Etag` (quoted),
 * `Key`, `LastModified` as epoch seconds, `Size`, `StorageClass`, in the key order of the AWS documentation.
 */
export function listedObjectItem(object: ObjectInfo): JsonObject {
  return {
    Etag: object.etag,
    Key: object.key,
    LastModified: Math.floor(object.lastModified.getTime() / 1000),
    Size: object.size,
    StorageClass: object.storageClass,
  };
}

/** A page resumes the listing right after the key that precedes its first item (S3 `StartAfter`). */
interface ListPosition {
  key: string;
  previousKey: string | undefined;
}

async function* listAll(storage: ObjectStorage, bucket: string, prefix: string | undefined, startAfter?: string) {
  let token: string | undefined;
  do {
    const page = await storage.listObjects(bucket, prefix, token, startAfter === undefined ? {} : { startAfter });
    yield* page.objects;
    token = page.nextContinuationToken;
  } while (token);
}

/** listObjectsV2: the objects of a bucket (under an optional prefix) in key order. */
export async function scanListing(
  storage: ObjectStorage,
  reader: ResolvedItemReader,
  limits: ScanLimits,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const builder = new PageBuilder<ListPosition>(
    limits,
    reader,
    (first, last) => ({
      startAfter: first.previousKey ?? null,
      lastKey: last.key,
    }),
    options,
  );
  let previousKey: string | undefined;
  for await (const object of listAll(storage, reader.bucket, reader.prefix)) {
    builder.add(itemBytesOf(listedObjectItem(object)), { key: object.key, previousKey });
    previousKey = object.key;
    if (builder.full) break;
  }
  return builder.finish();
}

export async function readListingPage(
  storage: ObjectStorage,
  reader: ResolvedItemReader,
  cursor: Json,
  itemCount: number,
): Promise<Json[]> {
  const items: Json[] = [];
  const lastKey = stringField(cursor, 'lastKey');
  for await (const object of listAll(storage, reader.bucket, reader.prefix, stringField(cursor, 'startAfter'))) {
    items.push(listedObjectItem(object));
    if (items.length === itemCount || object.key === lastKey) break;
  }
  // Objects added or removed since the scan shift items between pages: refuse rather than run the wrong ones.
  const last = items[items.length - 1] as JsonObject | undefined;
  if (items.length !== itemCount || last?.Key !== lastKey) {
    throw itemReaderFailed(`The listing of ${s3Url(reader.bucket, reader.prefix)} changed after the Map Run read it.`);
  }
  return items;
}
