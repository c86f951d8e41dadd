/**
 * The local log store: `<logs dir>/<log group>/<log stream>.jsonl`, one JSON line per event
 * (`{"timestamp","ingestionTime","message"}`). Names are percent-encoded into file names (`/` -> `%2F`), so a log
 * group such as `/aws/vendedlogs/states/orders` is one folder and a stream `2026/12/03/<worker>` one file: a new
 * file each UTC day. Each process writes only its own streams, and appends to a file one after the other.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { compileFilterPattern } from './filter-pattern';
import { eventsByStream, MAX_EVENT_BYTES, type LogEvent, type LogRecord } from './log-batches';
import { logGroupNameOf } from './log-group-arn';
import { LogsError } from './logs-errors';
import {
  addReport,
  emptyReport,
  storeOptionsWithDefaults,
  type DeliveryReport,
  type FilteredLogEvent,
  type FilterLogEventsRequest,
  type FilterLogEventsResponse,
  type LogStore,
  type LogStoreOptions,
} from './log-store';

/** A name as a file name: reversible, and never `.` or `..`. */
export function fileNameOf(name: string): string {
  return encodeURIComponent(name).replace(/^\.{1,2}$/, (dots) => dots.replaceAll('.', '%2E'));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where a page ends: the last event's place in the (timestamp, stream, line) order. */
type Place = [timestamp: number, stream: string, line: number];

function after(a: Place, b: Place): boolean {
  return a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2];
}

function encodeToken(place: Place): string {
  return Buffer.from(JSON.stringify(place)).toString('base64url');
}

function decodeToken(token: string): Place {
  try {
    const place = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(place) && place.length === 3) return place as Place;
  } catch {
    // refused below
  }
  throw new LogsError('InvalidParameterException', 'The specified nextToken is invalid.');
}

async function endsCutShort(file: string): Promise<boolean> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, 'r');
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  } finally {
    await handle?.close();
  }
}

type StoredEvent = { timestamp: number; ingestionTime: number; message: string };

/** A stored line; undefined for an empty one or one a crash cut short (the other lines stay readable). */
function parseLine(line: string): StoredEvent | undefined {
  if (line === '') return undefined;
  try {
    const stored = JSON.parse(line) as StoredEvent;
    return typeof stored.timestamp === 'number' && typeof stored.message === 'string' ? stored : undefined;
  } catch {
    return undefined;
  }
}

export class LocalLogStore implements LogStore {
  readonly kind = 'local' as const;
  private readonly options: Required<LogStoreOptions>;
  private readonly writing = new Map<string, Promise<unknown>>();
  /** Files this process has appended to: their last line is whole. */
  private readonly whole = new Set<string>();
  private readonly total = emptyReport();

  constructor(
    readonly root: string,
    options: LogStoreOptions = {},
  ) {
    this.options = storeOptionsWithDefaults(options);
  }

  async put(logGroupArn: string, records: readonly LogRecord[]): Promise<DeliveryReport> {
    const group = logGroupNameOf(logGroupArn);
    const report: DeliveryReport = { ...emptyReport(), events: records.length };
    const streams = eventsByStream(this.options.workerId, records);
    await Promise.all(
      [...streams].map(async ([stream, events]) => {
        const fitting = events.filter((e) => Buffer.byteLength(e.message) <= MAX_EVENT_BYTES);
        report.failed += events.length - fitting.length;
        if (fitting.length === 0) return;
        const file = path.join(this.root, fileNameOf(group), `${fileNameOf(stream)}.jsonl`);
        if (await this.append(file, fitting)) {
          report.delivered += fitting.length;
          report.batches++;
        } else report.failed += fitting.length;
      }),
    );
    if (report.failed > 0) {
      this.options.warn(`Log delivery to ${group}: ${report.failed} of ${report.events} events not written`);
    }
    addReport(this.total, report);
    return report;
  }

  /** Appends after any earlier append to the same file; retries with backoff; false when every attempt failed. */
  private append(file: string, events: LogEvent[]): Promise<boolean> {
    const ingestionTime = Date.now();
    const text = events.map((e) => `${JSON.stringify({ ...e, ingestionTime })}\n`).join('');
    const previous = this.writing.get(file) ?? Promise.resolve();
    const done = previous.then(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await fs.promises.mkdir(path.dirname(file), { recursive: true });
          // A line an earlier process left cut short is ended first, so the new lines stay readable.
          const cut = !this.whole.has(file) && (await endsCutShort(file));
          await fs.promises.appendFile(file, cut ? `\n${text}` : text);
          this.whole.add(file);
          return true;
        } catch (error) {
          if (attempt >= this.options.attempts) {
            this.options.warn(`Log delivery to ${file} failed: ${(error as Error).message}`);
            return false;
          }
          await sleep(this.options.retryDelayMs * 2 ** (attempt - 1));
        }
      }
    });
    this.writing.set(file, done);
    void done.finally(() => this.writing.get(file) === done && this.writing.delete(file));
    return done;
  }

  async filter(request: FilterLogEventsRequest): Promise<FilterLogEventsResponse> {
    const folder = path.join(this.root, fileNameOf(request.logGroupName));
    let files: string[];
    try {
      files = (await fs.promises.readdir(folder)).filter((f) => f.endsWith('.jsonl'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
    }
    const from = request.nextToken === undefined ? undefined : decodeToken(request.nextToken);
    const matches = compileFilterPattern(request.filterPattern);
    const wanted = request.logStreamNames && new Set(request.logStreamNames);
    const found: { place: Place; event: FilteredLogEvent }[] = [];
    for (const file of files) {
      const stream = decodeURIComponent(file.slice(0, -'.jsonl'.length));
      if (wanted && !wanted.has(stream)) continue;
      const lines = (await fs.promises.readFile(path.join(folder, file), 'utf8')).split('\n');
      const streamId = createHash('sha256').update(stream).digest('hex').slice(0, 12);
      lines.forEach((line, index) => {
        const stored = parseLine(line);
        if (!stored) return;
        const place: Place = [stored.timestamp, stream, index];
        if (from && !after(place, from)) return;
        if (request.startTime !== undefined && stored.timestamp < request.startTime) return;
        if (request.endTime !== undefined && stored.timestamp > request.endTime) return;
        if (!matches(stored.message)) return;
        const eventId = `${stored.timestamp}-${streamId}-${index}`;
        found.push({ place, event: { logStreamName: stream, ...stored, eventId } });
      });
    }
    found.sort((a, b) => (after(a.place, b.place) ? 1 : after(b.place, a.place) ? -1 : 0));
    const page = found.slice(0, request.limit ?? 10_000);
    const last = page.at(-1);
    const more = found.length > page.length && last !== undefined;
    return { events: page.map((f) => f.event), ...(more ? { nextToken: encodeToken(last.place) } : {}) };
  }

  totals(): DeliveryReport {
    return { ...this.total };
  }

  close(): void {}
}
