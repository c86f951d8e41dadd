import type { Json } from '../../asl/json';
import { s3BucketArn, s3ObjectArn } from '../../iam/roles';
import type { ObjectStorage } from '../storage/object-storage';
import { byteRangeCursor, type ByteSpan } from './cursor';
import { csvFormatOf, readCsvPage, scanCsv } from './csv';
import { asItemReaderError, itemReaderFailed } from './errors';
import { readInventoryPage, scanInventory } from './inventory-manifest';
import { readJsonArrayPage, scanJsonArray } from './json-array';
import { readJsonlPage, scanJsonl } from './jsonl';
import { readListingPage, scanListing } from './list-objects';
import { PageBuilder } from './page-builder';
import type { ItemPage, ResolvedItemReader, ScanLimits, ScanOptions, ScanResult } from './types';

const LIST_OBJECTS = 'arn:aws:states:::s3:listObjectsV2';

function keyOf(reader: ResolvedItemReader): string {
  if (!reader.key) throw itemReaderFailed('The ItemReader parameters must include a Key for s3:getObject.');
  return reader.key;
}

async function scanFile(
  storage: ObjectStorage,
  reader: ResolvedItemReader,
  limits: ScanLimits,
  options: ScanOptions,
): Promise<ScanResult> {
  const key = keyOf(reader);
  const inputType = reader.inputType ?? 'JSON';
  if (inputType === 'MANIFEST') return scanInventory(storage, reader, key, limits, options);
  const builder = new PageBuilder<ByteSpan>(limits, reader, byteRangeCursor, options);
  if (inputType === 'JSON') await scanJsonArray(storage, reader.bucket, key, builder);
  else if (inputType === 'JSONL') await scanJsonl(storage, reader.bucket, key, builder);
  else {
    const format = csvFormatOf(reader);
    const { headerEnd } = await scanCsv(storage, reader.bucket, key, format, builder);
    const result = builder.finish();
    // With FIRST_ROW headers a page re-reads the header row too: bytes [0, headerEnd).
    if (format.headers) return result;
    const pages = result.pages.map((p) => ({ ...p, cursor: { ...(p.cursor as object), headerEnd } }));
    return { pages, totalItems: result.totalItems };
  }
  return builder.finish();
}

/**
 * Streams the ItemReader's source once and cuts it into pages of at most `maxItemsPerPage` items and
 * `maxBytesPerPage` bytes of serialised items (at least one item each), honouring MaxItems. Nothing but the
 * current item and the page descriptors is held in memory. Every failure is `States.ItemReaderFailed`.
 */
export async function scanItems(
  storage: ObjectStorage,
  reader: ResolvedItemReader,
  limits: ScanLimits,
  options: ScanOptions = {},
): Promise<ScanResult> {
  try {
    if (reader.resource === LIST_OBJECTS) {
      options.authorize?.({ action: 's3:ListBucket', resource: s3BucketArn(reader.bucket) });
      return await scanListing(storage, reader, limits, options);
    }
    // For MANIFEST this is the manifest; scanInventory asks again for each data file it names.
    options.authorize?.({ action: 's3:GetObject', resource: s3ObjectArn(reader.bucket, keyOf(reader)) });
    return await scanFile(storage, reader, limits, options);
  } catch (err) {
    throw asItemReaderError(err, reader.bucket, reader.key ?? reader.prefix);
  }
}

/** The items of one page from `scanItems`, read again by byte range (or listing position), in item order. */
export async function readPage(storage: ObjectStorage, reader: ResolvedItemReader, page: ItemPage): Promise<Json[]> {
  try {
    if (reader.resource === LIST_OBJECTS) return await readListingPage(storage, reader, page.cursor, page.itemCount);
    const key = keyOf(reader);
    switch (reader.inputType ?? 'JSON') {
      case 'JSON':
        return await readJsonArrayPage(storage, reader.bucket, key, page.cursor, page.itemCount);
      case 'JSONL':
        return await readJsonlPage(storage, reader.bucket, key, page.cursor, page.itemCount);
      case 'CSV':
        return await readCsvPage(storage, reader.bucket, key, csvFormatOf(reader), page.cursor, page.itemCount);
      case 'MANIFEST':
        return await readInventoryPage(storage, reader, key, page.cursor, page.itemCount);
    }
  } catch (err) {
    throw asItemReaderError(err, reader.bucket, reader.key ?? reader.prefix);
  }
}
