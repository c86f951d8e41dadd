/**
 * Compares what the engine did with what AWS recorded for one case: status, output, error and cause, the
 * event-type sequence and, where recorded, DescribeExecution's redrive fields.
 */
import { hasConcurrentMap } from './definition-scan';
import { compareConcurrentEvents, compareEventTypes, type EventLike } from './compare-events';
import { compareJson, decodeObjectString, isLambdaErrorPayload, isObject, show } from './compare-json';
import { recordedHistory, type ConformanceCase } from './load-cases';
import type { Bindings } from './placeholders';

/** What the engine produced: its DescribeExecution response and its full history. */
export interface Observed {
  describe: Record<string, unknown>;
  events: EventLike[];
}

const REDRIVE_FIELDS = ['status', 'redriveStatus', 'redriveCount', 'redriveStatusReason'];

/** Every difference found, most telling first; empty when the case passes. */
export function compareCase(c: ConformanceCase, observed: Observed, bindings: Bindings = new Map()): string[] {
  const { describe } = observed;
  const differences: string[] = [];
  const add = (difference: string | undefined) => {
    if (difference) differences.push(difference);
  };

  if (c.expected.status !== null && describe.status !== c.expected.status) {
    add(`status: expected ${c.expected.status}, got ${show(describe.status)}${failureSummary(describe)}`);
  }
  if (c.expected.status === 'SUCCEEDED' && describe.status === 'SUCCEEDED') {
    add(prefix('output', compareJson(c.expected.output, parseOutput(describe.output), bindings)));
  }
  add(compareOptional('error', c.expected.error, describe.error, bindings));
  add(compareCause(c.expected.cause, describe.cause, bindings));
  add(compareEvents(c, observed.events));

  const recordedDescribe = c.expected.other.describe_execution;
  if (isObject(recordedDescribe)) {
    for (const field of REDRIVE_FIELDS) {
      add(compareOptional(`describeExecution.${field}`, recordedDescribe[field], describe[field], bindings));
    }
  }
  return differences;
}

function compareEvents(c: ConformanceCase, events: EventLike[]): string | undefined {
  // An empty list means the test recorded no history (every real history starts with ExecutionStarted).
  if (c.expected.eventTypes.length === 0) return undefined;
  const strict = compareEventTypes(
    c.expected.eventTypes,
    events.map((event) => event.type),
  );
  if (!strict) return undefined;
  const history = recordedHistory(c);
  if (!history || !hasConcurrentMap(c.definition)) return strict;
  // The in-order difference would only show the interleaving, which may legitimately differ.
  return compareConcurrentEvents(history, events);
}

/** `null`/absent in the recording = AWS omitted the key, so the engine must omit it too. */
function compareOptional(field: string, expected: unknown, actual: unknown, bindings: Bindings): string | undefined {
  if (expected === null || expected === undefined) {
    return actual === undefined ? undefined : `${field}: expected no ${field}, got ${show(actual)}`;
  }
  if (actual === undefined) return `${field}: expected ${show(expected)}, got none`;
  return prefix(field, compareJson(expected, actual, bindings));
}

/**
 * A Lambda's failure is recorded with the Python runtime's error JSON as the cause; the engine's cause is the
 * thrown error's message, so only errorMessage is compared then.
 */
function compareCause(expected: unknown, actual: unknown, bindings: Bindings): string | undefined {
  const decoded = decodeObjectString(expected);
  if (isLambdaErrorPayload(decoded) && typeof actual === 'string' && !isObject(decodeObjectString(actual))) {
    return compareOptional('cause', decoded.errorMessage, actual, bindings);
  }
  return compareOptional('cause', expected, actual, bindings);
}

function parseOutput(output: unknown): unknown {
  if (typeof output !== 'string') return output;
  try {
    return JSON.parse(output) as unknown;
  } catch {
    return output;
  }
}

function failureSummary(describe: Record<string, unknown>): string {
  if (describe.error === undefined && describe.cause === undefined) return '';
  return ` (error ${show(describe.error)}, cause ${show(describe.cause, 200)})`;
}

function prefix(field: string, difference: string | undefined): string | undefined {
  if (!difference) return undefined;
  return difference.startsWith('$') ? `${field}${difference.slice(1)}` : `${field}: ${difference}`;
}
