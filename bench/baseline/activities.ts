/**
 * The baseline's activities: the benchmark handler itself, and a JSONL reader that cuts a file into pages by
 * byte range (scan once, then each partition reads only its own range), never holding the whole file.
 */
import * as fs from 'node:fs';
import { benchWork } from '../handler';
import type { BaselinePage } from './pages';

export function createBaselineActivities() {
  return { benchWork, scanJsonlPages, readJsonlPage };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;

const NEWLINE = 0x0a;

async function scanJsonlPages(file: string, maxItems: number, maxBytes: number): Promise<BaselinePage[]> {
  const pages: BaselinePage[] = [];
  let page = { start: 0, firstItem: 0, items: 0, bytes: 0 };
  const close = (end: number) => {
    if (page.items === 0) return;
    pages.push({
      index: pages.length,
      firstItem: page.firstItem,
      itemCount: page.items,
      range: { start: page.start, end },
    });
    page = { start: end, firstItem: page.firstItem + page.items, items: 0, bytes: 0 };
  };
  /** `end` is past the line's newline, if any; `content` counts the bytes before it. */
  const addLine = (start: number, end: number, content: number) => {
    if (content === 0) return; // an empty line is no item
    const length = end - start;
    if (page.items > 0 && (page.items >= maxItems || page.bytes + length > maxBytes)) close(start);
    page.items++;
    page.bytes += length;
  };
  let offset = 0;
  let lineStart = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) {
      addLine(lineStart, offset + at + 1, offset + at - lineStart);
      lineStart = offset + at + 1;
    }
    offset += chunk.length;
  }
  if (offset > lineStart) addLine(lineStart, offset, offset - lineStart);
  close(offset);
  return pages;
}

async function readJsonlPage(file: string, range: { start: number; end: number }): Promise<unknown[]> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(range.end - range.start);
    await handle.read(buffer, 0, buffer.length, range.start);
    return buffer
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  } finally {
    await handle.close();
  }
}
