const NEWLINE = 0x0a;

export interface ByteLine {
  /** The line without its `\n` (a `\r` before it is kept; JSON.parse treats it as whitespace). */
  bytes: Buffer;
  /** Byte offset of the line's first byte, counted from `baseOffset`. */
  start: number;
  /** Byte offset just past the line's `\n` (or past the last byte for a final line without one). */
  end: number;
  /** 1-based, counted from `firstLine`. */
  number: number;
}

/**
 * Splits a byte stream into lines and reports where each one lies, so a reader can later fetch exactly a range of
 * lines by byte offset. Node's readline gives no offsets, hence this small splitter.
 */
export async function* byteLines(
  chunks: AsyncIterable<Buffer | string>,
  baseOffset = 0,
  firstLine = 1,
): AsyncGenerator<ByteLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let start = baseOffset;
  let number = firstLine;
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    let from = 0;
    for (let nl = chunk.indexOf(NEWLINE, from); nl !== -1; nl = chunk.indexOf(NEWLINE, from)) {
      const piece = chunk.subarray(from, nl);
      const bytes = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      const end = start + pendingBytes + piece.length + 1;
      yield { bytes, start, end, number };
      pending = [];
      pendingBytes = 0;
      start = end;
      number++;
      from = nl + 1;
    }
    if (from < chunk.length) {
      pending.push(chunk.subarray(from));
      pendingBytes += chunk.length - from;
    }
  }
  if (pendingBytes > 0) {
    yield { bytes: Buffer.concat(pending), start, end: start + pendingBytes, number };
  }
}
