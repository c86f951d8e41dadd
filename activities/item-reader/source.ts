import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import type { ByteRange, ObjectStorage } from '../storage/object-storage';
import { itemReaderFailed, s3Url } from './errors';

type Compression = 'none' | 'gzip' | 'zstd';

/** AWS picks the decompressor by extension (`.jsonl.gz`, `.csv.zstd`). */
export function compressionOf(key: string): Compression {
  if (/\.gz(ip)?$/i.test(key)) return 'gzip';
  if (/\.zstd?$/i.test(key)) return 'zstd';
  return 'none';
}

function decompressor(compression: Exclude<Compression, 'none'>, bucket: string, key: string): NodeJS.ReadWriteStream {
  if (compression === 'gzip') return zlib.createGunzip();
  // Node 22.15+ ships zstd; older runtimes cannot read such files.
  const create = (zlib as unknown as { createZstdDecompress?: () => NodeJS.ReadWriteStream }).createZstdDecompress;
  if (!create) throw itemReaderFailed(`ZSTD-compressed input needs Node.js 22.15 or newer: ${s3Url(bucket, key)}`);
  return create();
}

/** Bytes [start, end) of a stream, stopping (and so releasing the source) as soon as `end` is reached. */
async function* sliceBytes(chunks: AsyncIterable<Buffer>, range: ByteRange): AsyncGenerator<Buffer> {
  let position = 0;
  for await (const chunk of chunks) {
    const from = Math.max(range.start - position, 0);
    const to = Math.min(range.end - position, chunk.length);
    if (to > from) yield chunk.subarray(from, to);
    position += chunk.length;
    if (position >= range.end) return;
  }
}

/**
 * The object's content, decompressed by extension, optionally only a byte range of the decompressed content.
 * Plain objects are read with a ranged GET; a compressed stream cannot be entered in the middle, so for those the
 * object is decompressed from the start and the bytes before the range are skipped (constant memory, but the cost
 * grows with the offset).
 */
export async function openContent(
  storage: ObjectStorage,
  bucket: string,
  key: string,
  range?: ByteRange,
): Promise<Readable> {
  const compression = compressionOf(key);
  if (compression === 'none') return storage.getObject(bucket, key, range);
  const unzip = decompressor(compression, bucket, key);
  const raw = await storage.getObject(bucket, key);
  // pipeline destroys every stage when the consumer stops early or any stage fails; errors reach the consumer
  // through the last stream, so the callback has nothing left to do.
  const decoded = pipeline(raw, unzip, () => undefined) as unknown as Readable;
  return range ? Readable.from(sliceBytes(decoded, range)) : decoded;
}
