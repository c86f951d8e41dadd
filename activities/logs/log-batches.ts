/**
 * Log records as CloudWatch Logs takes them: one stream per worker and UTC day, and PutLogEvents batches within
 * its limits (10,000 events; 1,048,576 bytes counting 26 bytes per event; events in time order; at most 24 hours
 * from the first event to the last). Pure, so unit tests check the limits without a server.
 */
export interface LogRecord {
  /** Epoch milliseconds. */
  timestamp: number;
  /** A string is written as it is; any other JSON value as its JSON text. */
  message: unknown;
}

export interface LogEvent {
  timestamp: number;
  message: string;
}

export const MAX_BATCH_EVENTS = 10_000;
export const MAX_BATCH_BYTES = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;
export const MAX_BATCH_SPAN_MS = 24 * 60 * 60 * 1000;
/** The largest event a batch can hold. */
export const MAX_EVENT_BYTES = MAX_BATCH_BYTES - EVENT_OVERHEAD_BYTES;

export function messageText(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(message);
}

/** A stream name is 1-512 characters without `:` or `*`. */
function safeStreamPart(text: string): string {
  return text.replace(/[:*]/g, '-').slice(0, 480) || 'worker';
}

/** `<yyyy>/<mm>/<dd>/<worker-id>`: the stream a worker writes a record of that UTC day to. */
export function streamNameFor(workerId: string, timestamp: number): string {
  const day = new Date(timestamp).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/${safeStreamPart(workerId)}`;
}

export function eventBytes(event: LogEvent): number {
  return Buffer.byteLength(event.message, 'utf8') + EVENT_OVERHEAD_BYTES;
}

/** Records as events of each stream, in time order (a stable sort keeps records of one millisecond in order). */
export function eventsByStream(workerId: string, records: readonly LogRecord[]): Map<string, LogEvent[]> {
  const streams = new Map<string, LogEvent[]>();
  const sorted = records
    .map((record) => ({ timestamp: Math.trunc(record.timestamp), message: messageText(record.message) }))
    .sort((a, b) => a.timestamp - b.timestamp);
  for (const event of sorted) {
    const name = streamNameFor(workerId, event.timestamp);
    const events = streams.get(name) ?? [];
    events.push(event);
    streams.set(name, events);
  }
  return streams;
}

/**
 * Splits time-ordered events into PutLogEvents batches. An event too large for any batch is set aside in
 * `oversized` (it cannot be delivered; the store counts it as failed).
 */
export function splitIntoBatches(events: readonly LogEvent[]): { batches: LogEvent[][]; oversized: LogEvent[] } {
  const batches: LogEvent[][] = [];
  const oversized: LogEvent[] = [];
  let batch: LogEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = eventBytes(event);
    if (size > MAX_BATCH_BYTES) {
      oversized.push(event);
      continue;
    }
    const first = batch[0];
    const full =
      batch.length === MAX_BATCH_EVENTS ||
      bytes + size > MAX_BATCH_BYTES ||
      (first !== undefined && event.timestamp - first.timestamp >= MAX_BATCH_SPAN_MS);
    if (full) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(event);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return { batches, oversized };
}
