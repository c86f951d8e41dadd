import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import { isStatesError } from '../../asl/errors';
import type { Json } from '../../asl/json';
import type { ObjectStorage } from '../storage/object-storage';
import { readByteRangeCursor, type ByteSpan } from './cursor';
import { checkPageItemCount, itemReaderFailed, s3Url } from './errors';
import { itemBytesOf, type PageBuilder } from './page-builder';
import { readAll } from '../streams/read-all';
import { openContent } from './source';

/** The recorded AWS cause when the file holds something other than an array. */
export const NON_ITERABLE_CAUSE = 'Attempting to map over non-iterable node.';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// Read once: the package's CommonJS build exposes the enum through a getter, which is slow per token.
const { LEFT_BRACE, LEFT_BRACKET, RIGHT_BRACE, RIGHT_BRACKET, COMMA, COLON, SEPARATOR } = TokenType;

/**
 * Finds the byte span of every element of a top-level JSON array in one streaming pass. The tokenizer reports
 * each token's byte offset; an element starts at its first token at depth 1 and ends at the `,` or `]` that
 * follows it. The token parser assembles each element (and forgets it once emitted) so its size is exact.
 */
class ArrayScanner {
  private readonly tokenizer = new Tokenizer();
  private readonly parser = new TokenParser({ paths: ['$.*'], keepStack: false });
  private depth = 0;
  private started = false;
  private itemStart: number | undefined;
  private value: Json = null;
  private error: unknown;
  /** Offsets from the tokenizer exclude a byte order mark; this adds it back. */
  private base = 0;
  private itemIndex = 0;
  done = false;

  constructor(
    private readonly builder: PageBuilder<ByteSpan>,
    private readonly where: string,
  ) {
    this.tokenizer.onToken = (info) => {
      if (this.done) return;
      this.parser.write(info);
      this.onToken(info.token, info.offset + this.base);
    };
    this.tokenizer.onError = (err) => this.fail(err);
    this.parser.onValue = ({ value }) => (this.value = value as Json);
    this.parser.onError = (err) => this.fail(err);
  }

  private fail(err: unknown): void {
    // Whatever follows the last item MaxItems allows is never looked at, even if it is malformed.
    if (!this.done) this.error ??= err;
    this.done = true;
  }

  private onToken(token: TokenType, offset: number): void {
    if (this.depth === 0) {
      if (this.started || token !== LEFT_BRACKET) throw itemReaderFailed(NON_ITERABLE_CAUSE);
      this.started = true;
      this.depth = 1;
      return;
    }
    switch (token) {
      case LEFT_BRACE:
      case LEFT_BRACKET:
        if (this.depth === 1) this.itemStart = offset;
        this.depth++;
        return;
      case RIGHT_BRACE:
      case RIGHT_BRACKET:
        this.depth--;
        if (this.depth === 0) {
          if (this.itemStart !== undefined) this.finishItem(offset);
          this.done = true;
        }
        return;
      case COMMA:
        if (this.depth === 1) this.finishItem(offset);
        return;
      case COLON:
      case SEPARATOR:
        return;
      default:
        if (this.depth === 1) this.itemStart = offset;
    }
  }

  private finishItem(end: number): void {
    const start = this.itemStart ?? end;
    this.builder.add(itemBytesOf(this.value), { start, end, line: 1 });
    this.itemStart = undefined;
    this.itemIndex++;
    if (this.builder.full) this.done = true;
  }

  write(chunk: Buffer): void {
    if (!this.started && this.base === 0 && chunk.subarray(0, 3).equals(UTF8_BOM)) {
      this.base = UTF8_BOM.length;
      chunk = chunk.subarray(UTF8_BOM.length);
    }
    this.tokenizer.write(chunk);
    this.throwIfFailed();
  }

  end(): void {
    if (!this.done) {
      if (!this.started) throw itemReaderFailed(NON_ITERABLE_CAUSE);
      this.fail(new Error('Unexpected end of JSON input'));
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    const err = this.error;
    if (err === undefined) return;
    if (isStatesError(err)) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw itemReaderFailed(`Malformed JSON in ${this.where} at item index ${this.itemIndex}: ${message}`);
  }
}

/** JSON: the file must hold a top-level array; each element is an item. */
export async function scanJsonArray(
  storage: ObjectStorage,
  bucket: string,
  key: string,
  builder: PageBuilder<ByteSpan>,
): Promise<void> {
  const scanner = new ArrayScanner(builder, s3Url(bucket, key));
  const stream = await openContent(storage, bucket, key);
  for await (const chunk of stream) {
    scanner.write(chunk as Buffer);
    if (scanner.done) break;
  }
  scanner.end();
}

/** A page's span holds `item, item, ..., item`: wrapped in brackets it is an array JSON.parse reads natively. */
export async function readJsonArrayPage(
  storage: ObjectStorage,
  bucket: string,
  key: string,
  cursor: Json,
  itemCount: number,
): Promise<Json[]> {
  const { byteStart, byteEnd } = readByteRangeCursor(cursor);
  const bytes = await readAll(await openContent(storage, bucket, key, { start: byteStart, end: byteEnd }));
  let items: Json[];
  try {
    items = JSON.parse(`[${bytes.toString('utf8')}]`) as Json[];
  } catch (err) {
    throw itemReaderFailed(`Malformed JSON in ${s3Url(bucket, key)} at byte ${byteStart}: ${(err as Error).message}`);
  }
  checkPageItemCount(items.length, itemCount, bucket, key);
  return items;
}
