import type { Json } from '../../asl/json';
import type { ChildResultRecord, ChildStatus, ResultFileGroup, ResultWriterOutput } from './types';

const GROUP_OF: Record<ChildStatus, ResultFileGroup> = {
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  TIMED_OUT: 'FAILED',
  ABORTED: 'FAILED',
  PENDING: 'PENDING',
};

export function groupOf(status: ChildStatus): ResultFileGroup {
  return GROUP_OF[status];
}

/** AWS writes record keys in alphabetical order; sorting here keeps that true whoever built the record. */
export function sortedRecord(record: ChildResultRecord): Record<string, Json> {
  const entries = Object.entries(record as unknown as Record<string, Json>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function parsedOutput(record: ChildResultRecord): Json {
  if (record.Output === undefined) return null;
  try {
    return JSON.parse(record.Output) as Json;
  } catch {
    return record.Output; // not JSON (should not happen): keep the text rather than lose the result
  }
}

/**
 * What one record contributes to its result file: the full record (NONE; and always for unsuccessful children),
 * the child's output (COMPACT), or an array output's elements one by one (FLATTEN).
 */
export function entriesOf(record: ChildResultRecord, transformation: ResultWriterOutput['transformation']): Json[] {
  if (record.Status !== 'SUCCEEDED' || transformation === 'NONE') return [sortedRecord(record)];
  const output = parsedOutput(record);
  return transformation === 'FLATTEN' && Array.isArray(output) ? output : [output];
}
