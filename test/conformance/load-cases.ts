/**
 * Reads the conformance corpus (one JSON file per case, format in the corpus README). The corpus lives outside
 * the repository and is only read, never copied in.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A recorded GetExecutionHistory event, `timestamp` removed by the corpus. */
export interface RecordedEvent {
  id: number;
  previousEventId: number;
  type: string;
  [detailsMember: string]: unknown;
}

export interface ConformanceCase {
  /** File name without `.json`. */
  name: string;
  file: string;
  tags: string[];
  definition: unknown;
  /** null = StartExecution without input. */
  input: unknown;
  /** Objects the recording put in S3 before starting (key null: the bucket must exist). */
  s3Objects: Array<{ bucket: string; key: string | null; body: string }>;
  expected: {
    status: string | null;
    output: unknown;
    /** null = AWS omitted the key. */
    error: string | null;
    cause: unknown;
    eventTypes: string[];
    other: Record<string, unknown>;
  };
  notes: string;
}

export function loadCases(dir: string): ConformanceCase[] {
  const files = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  return files.map((file) => parseCase(path.join(dir, file)));
}

export function parseCase(file: string): ConformanceCase {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const expected = (raw.expected ?? {}) as Record<string, unknown>;
  return {
    name: path.basename(file, '.json'),
    file,
    tags: Array.isArray(raw.tags) ? raw.tags.map(String) : [],
    definition: raw.definition,
    input: raw.input ?? null,
    s3Objects: Array.isArray(raw.s3Objects) ? (raw.s3Objects as ConformanceCase['s3Objects']) : [],
    expected: {
      status: typeof expected.status === 'string' ? expected.status : null,
      output: expected.output ?? null,
      error: typeof expected.error === 'string' ? expected.error : null,
      cause: expected.cause ?? null,
      eventTypes: Array.isArray(expected.eventTypes) ? expected.eventTypes.map(String) : [],
      other: (expected.other ?? {}) as Record<string, unknown>,
    },
    notes: typeof raw.notes === 'string' ? raw.notes : '',
  };
}

/** The full recorded history, when the test recorded one. */
export function recordedHistory(c: ConformanceCase): RecordedEvent[] | undefined {
  const history = c.expected.other.history;
  return Array.isArray(history) ? (history as RecordedEvent[]) : undefined;
}
