/**
 * A history event as Step Functions writes it to an execution log (sfn-spec §14.3): `id`, `type`, `details` (the
 * event's one `*EventDetails` object), `previous_event_id`, `event_timestamp`, `execution_arn`, `redrive_count`,
 * numbers as strings. Without includeExecutionData the data is left out; with it, an input or output over 248 KB
 * (as escaped JSON) is cut there and marked truncated. Pure: the worker's sink and the Express child activity use it.
 */
import type { HistoryEvent } from '../../asl/events';
import type { Json } from '../../asl/json';
import type { LogRecord } from './log-batches';

/** Input and output are kept up to this many bytes of escaped JSON text (sfn-spec §14.3). */
export const MAX_LOGGED_DATA_BYTES = 248 * 1024;

/**
 * What includeExecutionData false leaves out: input and output with their details (sfn-spec §14.3), and a Task's
 * `parameters`, which carry its input (GetExecutionHistory's includeExecutionData false drops it too).
 */
const DATA_FIELDS: ReadonlySet<string> = new Set(['input', 'inputDetails', 'output', 'outputDetails', 'parameters']);

export interface ExecutionLogRecordContext {
  executionArn: string;
  redriveCount: number;
  includeExecutionData: boolean;
}

export interface ExecutionLogMessage {
  id: string;
  type: string;
  details: Record<string, Json>;
  previous_event_id: string;
  event_timestamp: string;
  execution_arn: string;
  redrive_count: string;
}

export function executionLogRecord(event: HistoryEvent, context: ExecutionLogRecordContext): LogRecord {
  const { id, previousEventId, type, timestamp, ...members } = event;
  const stored = Object.values(members).find((value) => typeof value === 'object' && value !== null);
  const details = context.includeExecutionData
    ? withTruncatedData(stored as Record<string, Json> | undefined)
    : withoutData(stored as Record<string, Json> | undefined);
  const message: ExecutionLogMessage = {
    id: String(id),
    type,
    details,
    previous_event_id: String(previousEventId),
    event_timestamp: String(timestamp),
    execution_arn: context.executionArn,
    redrive_count: String(context.redriveCount),
  };
  return { timestamp, message };
}

function withoutData(details: Record<string, Json> | undefined): Record<string, Json> {
  if (!details) return {};
  return Object.fromEntries(Object.entries(details).filter(([field]) => !DATA_FIELDS.has(field)));
}

function withTruncatedData(details: Record<string, Json> | undefined): Record<string, Json> {
  if (!details) return {};
  const copy = { ...details };
  for (const field of ['input', 'output'] as const) {
    const text = copy[field];
    if (typeof text !== 'string') continue;
    const cut = truncateEscaped(text, MAX_LOGGED_DATA_BYTES);
    if (cut === text) continue;
    copy[field] = cut;
    const detailsField = `${field}Details`;
    const before = copy[detailsField];
    copy[detailsField] = { ...(typeof before === 'object' && before !== null ? before : {}), truncated: true };
  }
  return copy;
}

/**
 * The longest start of `text` whose JSON-escaped UTF-8 form (without the quotes) fits in `maxBytes`, never cutting a
 * surrogate pair; `text` itself when it fits.
 */
export function truncateEscaped(text: string, maxBytes: number): string {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1));
    const size = pair ? 4 : escapedBytes(code);
    if (bytes + size > maxBytes) return text.slice(0, i);
    bytes += size;
    if (pair) i++;
  }
  return text;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Bytes one UTF-16 unit (not part of a pair) takes in JSON.stringify's output, as UTF-8. */
function escapedBytes(code: number): number {
  if (code === 0x22 || code === 0x5c) return 2; // \" \\
  if (code < 0x20) return code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 2 : 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdfff) return 6; // a lone surrogate is written \udxxx
  return 3;
}
