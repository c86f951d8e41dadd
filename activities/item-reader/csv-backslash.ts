/**
 * Step Functions' backslash escapes in CSV item files (sfn-spec §1.4): `\\` is a backslash, `\"` a double quote and
 * `\<delimiter>` the delimiter, none of them special; a backslash before any other character is dropped. csv-parse
 * knows only RFC 4180's `""` (and an escape character inside quoted fields, not both), so the escapes are taken out
 * before it parses and put back in each field after:
 *
 * - `BackslashEscapes`, a stream transform, turns each of the three escapes (two bytes) into a two-byte stand-in
 *   character that csv-parse treats as text. Lengths are kept, so the byte offsets csv-parse reports (the page
 *   cursors) are offsets into the object as stored.
 * - `unescapeField` drops the backslashes left (those before any other character) and turns stand-ins back.
 *
 * The stand-ins are C1 control characters (U+0081..U+0083), which a text CSV does not hold; one that does is read
 * with those characters turned into `\`, `"` or the delimiter.
 */
import { Transform, type TransformCallback } from 'node:stream';

const BACKSLASH = 0x5c;
const STAND_IN = { backslash: '\u0081', quote: '\u0082', delimiter: '\u0083' } as const;
/** The UTF-8 bytes of each stand-in: 0xC2 then 0x81..0x83. */
const STAND_IN_BYTES = { backslash: [0xc2, 0x81], quote: [0xc2, 0x82], delimiter: [0xc2, 0x83] } as const;

export class BackslashEscapes extends Transform {
  /** A backslash that ended the previous chunk: what it escapes is in the next one. */
  private pending = false;

  constructor(private readonly delimiter: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const input = this.pending ? Buffer.concat([Buffer.of(BACKSLASH), chunk]) : chunk;
    this.pending = false;
    let i = input.indexOf(BACKSLASH);
    // Most item files hold no backslash at all: their chunks pass through uncopied.
    if (i === -1) {
      done(null, input);
      return;
    }
    const output = Buffer.from(input);
    const delimiter = this.delimiter.charCodeAt(0);
    for (; i !== -1; i = input.indexOf(BACKSLASH, i)) {
      if (i === input.length - 1) {
        this.pending = true;
        done(null, output.subarray(0, i));
        return;
      }
      const next = input[i + 1];
      const standIn =
        next === BACKSLASH
          ? STAND_IN_BYTES.backslash
          : next === 0x22
            ? STAND_IN_BYTES.quote
            : next === delimiter
              ? STAND_IN_BYTES.delimiter
              : undefined;
      if (standIn) {
        output[i] = standIn[0];
        output[i + 1] = standIn[1];
      }
      // Escaped or not, the next byte is not a backslash that starts an escape.
      i += 2;
    }
    done(null, output);
  }

  override _flush(done: TransformCallback): void {
    // A backslash at the very end escapes nothing: unescapeField drops it.
    if (this.pending) this.push(Buffer.of(BACKSLASH));
    done();
  }
}

/** A parsed field as Step Functions reads it: backslashes before other characters dropped, escapes restored. */
export function unescapeField(field: string, delimiter: string): string {
  if (!/[\\\u0081-\u0083]/.test(field)) return field;
  return field
    .replaceAll('\\', '')
    .replaceAll(STAND_IN.backslash, '\\')
    .replaceAll(STAND_IN.quote, '"')
    .replaceAll(STAND_IN.delimiter, delimiter);
}
