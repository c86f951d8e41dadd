import type { Json } from '../../asl/json';
import type { ObjectStorage } from '../storage/object-storage';
import { byteLines, type ByteLine } from '../streams/byte-lines';
import { readByteRangeCursor, type ByteSpan } from './cursor';
import { checkPageItemCount, itemReaderFailed } from './errors';
import { itemBytesOf, type PageBuilder } from './page-builder';
import { openContent } from './source';

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) {
    // space, tab, CR, LF
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0a) return false;
  }
  return true;
}

function parseLine(line: ByteLine): Json {
  try {
    return JSON.parse(line.bytes.toString('utf8')) as Json;
  } catch (err) {
    throw itemReaderFailed(`Malformed JSON at line ${line.number}: ${(err as Error).message}`);
  }
}

/** JSON Lines: one item per non-blank line, in file order. */
export async function scanJsonl(
  storage: ObjectStorage,
  bucket: string,
  key: string,
  builder: PageBuilder<ByteSpan>,
): Promise<void> {
  const stream = await openContent(storage, bucket, key);
  for await (const line of byteLines(stream)) {
    if (isBlank(line.bytes)) continue;
    const item = parseLine(line);
    builder.add(itemBytesOf(item), { start: line.start, end: line.end, line: line.number });
    if (builder.full) break;
  }
}

export async function readJsonlPage(
  storage: ObjectStorage,
  bucket: string,
  key: string,
  cursor: Json,
  itemCount: number,
): Promise<Json[]> {
  const { byteStart, byteEnd, firstLine } = readByteRangeCursor(cursor);
  const stream = await openContent(storage, bucket, key, { start: byteStart, end: byteEnd });
  const items: Json[] = [];
  for await (const line of byteLines(stream, byteStart, firstLine)) {
    if (!isBlank(line.bytes)) items.push(parseLine(line));
  }
  checkPageItemCount(items.length, itemCount, bucket, key);
  return items;
}
