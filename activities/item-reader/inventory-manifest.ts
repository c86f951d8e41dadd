import { isJsonObject, type Json } from '../../asl/json';
import { s3ObjectArn } from '../../iam/roles';
import type { ObjectStorage } from '../storage/object-storage';
import { byteRangeCursor, numberField, readByteRangeCursor, type ByteSpan } from './cursor';
import { csvRecords } from './csv';
import { CsvItemBuilder } from './csv-item';
import { asItemReaderError, checkPageItemCount, itemReaderFailed, s3Url } from './errors';
import { itemBytesOf, PageBuilder } from './page-builder';
import { readAll } from '../streams/read-all';
import { openContent } from './source';
import type { ResolvedItemReader, ScanLimits, ScanOptions, ScanResult } from './types';

/** The parts of an S3 Inventory manifest.json the reader needs. */
export interface InventoryManifest {
  /** Where the data files are: the manifest's `destinationBucket` (an ARN or a name). */
  dataBucket: string;
  /** Item keys, from `fileSchema` ("Bucket, Key, Size, ..."). */
  fields: string[];
  files: { key: string }[];
}

/** A page never spans two data files, so its cursor is one byte range in one file. */
interface InventorySpan extends ByteSpan {
  file: number;
}

function parseManifest(text: string, where: string, manifestBucket: string): InventoryManifest {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (err) {
    throw itemReaderFailed(`Malformed S3 inventory manifest ${where}: ${(err as Error).message}`);
  }
  if (!isJsonObject(doc)) throw itemReaderFailed(`Malformed S3 inventory manifest ${where}: not a JSON object`);
  const { destinationBucket, fileFormat, fileSchema, files } = doc;
  if (fileFormat !== undefined && fileFormat !== 'CSV') {
    throw itemReaderFailed(`Unsupported S3 inventory fileFormat ${JSON.stringify(fileFormat)} in ${where}: only CSV`);
  }
  if (typeof fileSchema !== 'string' || !Array.isArray(files)) {
    throw itemReaderFailed(`Malformed S3 inventory manifest ${where}: fileSchema and files are required`);
  }
  const keys = files.map((f, i) => {
    if (!isJsonObject(f) || typeof f.key !== 'string') {
      throw itemReaderFailed(`Malformed S3 inventory manifest ${where}: files[${i}].key is missing`);
    }
    return { key: f.key };
  });
  const dataBucket =
    typeof destinationBucket === 'string' && destinationBucket !== ''
      ? destinationBucket.replace(/^arn:[^:]*:s3:::/, '')
      : manifestBucket;
  return { dataBucket, fields: fileSchema.split(',').map((f) => f.trim()), files: keys };
}

export async function readInventoryManifest(
  storage: ObjectStorage,
  bucket: string,
  key: string,
): Promise<InventoryManifest> {
  const text = (await readAll(await openContent(storage, bucket, key))).toString('utf8');
  return parseManifest(text, s3Url(bucket, key), bucket);
}

/** S3 Inventory (InputType MANIFEST): every row of every listed CSV(.gz) data file, in manifest order. */
export async function scanInventory(
  storage: ObjectStorage,
  reader: ResolvedItemReader,
  key: string,
  limits: ScanLimits,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const manifest = await readInventoryManifest(storage, reader.bucket, key);
  const items = new CsvItemBuilder(manifest.fields);
  const builder = new PageBuilder<InventorySpan>(
    limits,
    reader,
    (first, last) => ({
      ...byteRangeCursor(first, last),
      file: first.file,
    }),
    options,
  );
  for (const [file, { key: dataKey }] of manifest.files.entries()) {
    if (builder.full) break;
    options.authorize?.({ action: 's3:GetObject', resource: s3ObjectArn(manifest.dataBucket, dataKey) });
    try {
      let start = 0;
      const stream = await openContent(storage, manifest.dataBucket, dataKey);
      for await (const record of csvRecords(stream, ',', s3Url(manifest.dataBucket, dataKey))) {
        const item = items.build(record.row);
        builder.add(itemBytesOf(item), { start, end: record.end, line: 1, file });
        start = record.end;
        if (builder.full) break;
      }
    } catch (err) {
      throw asItemReaderError(err, manifest.dataBucket, dataKey);
    }
    builder.closePage();
  }
  return builder.finish();
}

export async function readInventoryPage(
  storage: ObjectStorage,
  reader: ResolvedItemReader,
  key: string,
  cursor: Json,
  itemCount: number,
): Promise<Json[]> {
  const manifest = await readInventoryManifest(storage, reader.bucket, key);
  const file = manifest.files[numberField(cursor, 'file')];
  if (!file) throw itemReaderFailed(`${s3Url(reader.bucket, key)} changed after the Map Run read it.`);
  const { byteStart, byteEnd } = readByteRangeCursor(cursor);
  const items = new CsvItemBuilder(manifest.fields);
  const result: Json[] = [];
  try {
    const stream = await openContent(storage, manifest.dataBucket, file.key, { start: byteStart, end: byteEnd });
    for await (const record of csvRecords(stream, ',', s3Url(manifest.dataBucket, file.key))) {
      result.push(items.build(record.row));
    }
  } catch (err) {
    throw asItemReaderError(err, manifest.dataBucket, file.key);
  }
  checkPageItemCount(result.length, itemCount, manifest.dataBucket, file.key);
  return result;
}
