import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ObjectStorage } from '../storage/object-storage';
import type { ResultFileRef, ResultWriterOutput } from './types';

const noop = () => undefined;

/** AWS's cap per result file; records past it go to the next `_n` file. */
export const DEFAULT_MAX_RESULT_FILE_BYTES = 5 * 1024 ** 3;

interface OpenFile {
  key: string;
  body: PassThrough;
  upload: Promise<{ etag: string; size: number }>;
  /** Rejects when the upload settles while we still write: it failed, or stopped reading. */
  ended: Promise<never>;
  bytes: number;
  entries: number;
}

/**
 * Streams one family of result files (`SUCCEEDED_<n>.json`, ...) into storage: a JSON array (`[a,b]`) or JSON
 * Lines, starting a new file before an entry would push the current one past `maxBytes` (a file always takes at
 * least one entry). Only the entry being written is in memory; the upload consumes the stream as it goes.
 */
export class RollingResultFile {
  private current: OpenFile | undefined;
  private next: number;
  readonly files: ResultFileRef[] = [];

  constructor(
    private readonly storage: ObjectStorage,
    private readonly bucket: string,
    private readonly keyOf: (n: number) => string,
    private readonly outputType: ResultWriterOutput['outputType'],
    private readonly maxBytes: number = DEFAULT_MAX_RESULT_FILE_BYTES,
    firstIndex = 0,
  ) {
    this.next = firstIndex;
  }

  private get json(): boolean {
    return this.outputType === 'JSON';
  }

  private open(): OpenFile {
    const key = this.keyOf(this.next++);
    const body = new PassThrough();
    const upload = this.storage.putObjectStream(this.bucket, key, body);
    const ended = upload.then(() => Promise.reject(new Error(`Upload of ${key} ended before its content`)));
    // Both are awaited later (close, or a write waiting for drain); until then a rejection is not "unhandled".
    upload.catch(noop);
    ended.catch(noop);
    return { key, body, upload, ended, bytes: 0, entries: 0 };
  }

  private async push(file: OpenFile, text: string): Promise<void> {
    const chunk = Buffer.from(text, 'utf8');
    file.bytes += chunk.length;
    if (file.body.write(chunk)) return;
    // A failed upload stops reading, so wait for whichever comes first.
    const drained = once(file.body, 'drain');
    drained.catch(noop);
    await Promise.race([drained, file.ended]);
  }

  async write(entry: unknown): Promise<void> {
    const text = JSON.stringify(entry);
    const length = Buffer.byteLength(text, 'utf8');
    // JSON: "[" + entries joined by "," + "]"; JSONL: each entry + "\n". Either way one byte besides the entry,
    // and JSON needs room for the closing bracket.
    const added = length + 1;
    const closing = this.json ? 1 : 0;
    const current = this.current;
    if (current && current.entries > 0 && current.bytes + added + closing > this.maxBytes) await this.closeCurrent();
    const file = (this.current ??= this.open());
    const separator = this.json ? (file.entries === 0 ? '[' : ',') : '';
    await this.push(file, this.json ? separator + text : `${text}\n`);
    file.entries++;
  }

  private async closeCurrent(): Promise<void> {
    const file = this.current;
    if (!file) return;
    this.current = undefined;
    if (this.json) await this.push(file, ']');
    file.body.end();
    await file.upload;
    this.files.push({ Key: file.key, Size: file.bytes });
  }

  /** Finishes the last file; no file at all if nothing was written (AWS writes files only for statuses seen). */
  async close(): Promise<ResultFileRef[]> {
    await this.closeCurrent();
    return this.files;
  }

  /** Abandons an unfinished file (its upload fails and leaves nothing behind). */
  abort(): void {
    this.current?.body.destroy(new Error('Result writing aborted'));
    this.current = undefined;
  }
}
