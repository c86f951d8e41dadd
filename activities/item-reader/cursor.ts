import { isJsonObject, type Json } from '../../asl/json';

/** Where a page of a file lies: bytes [byteStart, byteEnd) of the decompressed content. */
export interface ByteRangeCursor {
  byteStart: number;
  byteEnd: number;
  /** Line number of the page's first byte (1-based), so errors on re-read name the right line. */
  firstLine: number;
}

/** Byte positions of one scanned item. */
export interface ByteSpan {
  start: number;
  end: number;
  line: number;
}

export function byteRangeCursor(first: ByteSpan, last: ByteSpan): ByteRangeCursor & { [key: string]: Json } {
  return { byteStart: first.start, byteEnd: last.end, firstLine: first.line };
}

function field(cursor: Json, name: string): Json | undefined {
  return isJsonObject(cursor) ? cursor[name] : undefined;
}

/** Cursors come back from workflow state: check their shape instead of trusting a cast. */
export function numberField(cursor: Json, name: string): number {
  const value = field(cursor, name);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`Invalid item page cursor: ${name} is ${JSON.stringify(value)}`);
  }
  return value;
}

export function stringField(cursor: Json, name: string): string | undefined {
  const value = field(cursor, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TypeError(`Invalid item page cursor: ${name} is ${JSON.stringify(value)}`);
  return value;
}

export function readByteRangeCursor(cursor: Json): ByteRangeCursor {
  return {
    byteStart: numberField(cursor, 'byteStart'),
    byteEnd: numberField(cursor, 'byteEnd'),
    firstLine: field(cursor, 'firstLine') === undefined ? 1 : numberField(cursor, 'firstLine'),
  };
}
