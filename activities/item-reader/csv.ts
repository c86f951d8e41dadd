import { CsvError, parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { Json } from '../../asl/json';
import type { ObjectStorage } from '../storage/object-storage';
import { numberField, readByteRangeCursor, type ByteSpan } from './cursor';
import { BackslashEscapes, unescapeField } from './csv-backslash';
import { CsvItemBuilder } from './csv-item';
import { checkPageItemCount, itemReaderFailed, s3Url } from './errors';
import { itemBytesOf, type PageBuilder } from './page-builder';
import { openContent } from './source';
import type { CsvDelimiterName, ResolvedItemReader } from './types';

const DELIMITERS: Record<CsvDelimiterName, string> = {
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  SPACE: ' ',
  TAB: '\t',
};

export interface CsvFormat {
  delimiter: string;
  /** GIVEN headers; undefined means the first row holds them. */
  headers?: readonly string[];
}

export function csvFormatOf(reader: ResolvedItemReader): CsvFormat {
  const delimiter = DELIMITERS[reader.csvDelimiter ?? 'COMMA'];
  if (reader.csvHeaderLocation !== 'GIVEN') return { delimiter };
  if (!reader.csvHeaders) throw itemReaderFailed('CSVHeaders must be given when CSVHeaderLocation is GIVEN.');
  return { delimiter, headers: reader.csvHeaders };
}

interface CsvRecord {
  row: string[];
  /** Byte offset just past the record's line break. */
  end: number;
  /** The line the record ends on (a quoted line break makes a record span lines). */
  line: number;
}

/**
 * Rows of a CSV stream via csv-parse: RFC 4180 quoting (quoted fields may hold delimiters and line breaks, `""`
 * is a quote), AWS's backslash escapes (`\\`, `\"`, `\<delimiter>`; a backslash before anything else is dropped:
 * csv-backslash.ts), rows of any length, empty lines skipped (a whitespace-only line is a row, as AWS reads it), a
 * UTF-8 BOM dropped.
 */
export async function* csvRecords(
  stream: Readable,
  delimiter: string,
  where: string,
  firstLine = 1,
): AsyncGenerator<CsvRecord> {
  const escapes = new BackslashEscapes(delimiter);
  const parser = stream
    .pipe(escapes)
    .pipe(
      parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true, info: true }),
    );
  // pipe() does not forward errors: a failed download must still end the parse.
  stream.once('error', (err) => parser.destroy(err));
  escapes.once('error', (err) => parser.destroy(err));
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { bytes: number; lines: number };
    }>) {
      yield {
        row: record.map((field) => unescapeField(field, delimiter)),
        end: info.bytes,
        line: firstLine - 1 + info.lines,
      };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = firstLine - 1 + Number((err as CsvError & { lines?: number }).lines ?? 1);
      throw itemReaderFailed(`Malformed CSV in ${where} at line ${line}: ${err.message}`);
    }
    throw err;
  } finally {
    stream.destroy();
  }
}

/** Scans a CSV item file; returns where the header row ends (0 for GIVEN headers) for the page cursors. */
export async function scanCsv(
  storage: ObjectStorage,
  bucket: string,
  key: string,
  format: CsvFormat,
  builder: PageBuilder<ByteSpan>,
): Promise<{ headerEnd: number }> {
  let items = format.headers ? new CsvItemBuilder(format.headers) : undefined;
  let headerEnd = 0;
  // Where the next item's span starts: just past the previous record's line break (blank lines included).
  let previousEnd = 0;
  let nextLine = 1;
  const stream = await openContent(storage, bucket, key);
  for await (const record of csvRecords(stream, format.delimiter, s3Url(bucket, key))) {
    if (!items) {
      items = new CsvItemBuilder(record.row);
      headerEnd = previousEnd = record.end;
      nextLine = record.line + 1;
      continue;
    }
    const item = items.build(record.row);
    builder.add(itemBytesOf(item), { start: previousEnd, end: record.end, line: nextLine });
    previousEnd = record.end;
    nextLine = record.line + 1;
    if (builder.full) break;
  }
  return { headerEnd };
}

async function readHeaderRow(storage: ObjectStorage, bucket: string, key: string, delimiter: string, end: number) {
  const stream = await openContent(storage, bucket, key, { start: 0, end });
  for await (const record of csvRecords(stream, delimiter, s3Url(bucket, key))) return record.row;
  throw itemReaderFailed(`${s3Url(bucket, key)} changed after the Map Run read it: its header row is gone.`);
}

export async function readCsvPage(
  storage: ObjectStorage,
  bucket: string,
  key: string,
  format: CsvFormat,
  cursor: Json,
  itemCount: number,
): Promise<Json[]> {
  const { byteStart, byteEnd, firstLine } = readByteRangeCursor(cursor);
  const headers =
    format.headers ?? (await readHeaderRow(storage, bucket, key, format.delimiter, numberField(cursor, 'headerEnd')));
  const items = new CsvItemBuilder(headers);
  const stream = await openContent(storage, bucket, key, { start: byteStart, end: byteEnd });
  const result: Json[] = [];
  for await (const record of csvRecords(stream, format.delimiter, s3Url(bucket, key), firstLine)) {
    result.push(items.build(record.row));
  }
  checkPageItemCount(result.length, itemCount, bucket, key);
  return result;
}
