// The Map Run builds the records; this module only stores them, so the record type has one home.
export type { ChildResultRecord } from '../../workflows/map-run/result-record';

export type ChildStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING';

/** The three result file families of sfn-spec §6. FAILED holds failed, timed-out and aborted children. */
export type ResultFileGroup = 'SUCCEEDED' | 'FAILED' | 'PENDING';

export interface ResultTarget {
  bucket: string;
  /** May be empty: files then go to `<mapRunId>/...` with no leading slash. */
  prefix: string;
  mapRunId: string;
}

export interface ResultWriterOutput {
  outputType: 'JSON' | 'JSONL';
  transformation: 'NONE' | 'COMPACT' | 'FLATTEN';
}

export interface ResultFileRef {
  Key: string;
  Size: number;
}

/** manifest.json exactly as AWS writes it (keys in this order; all three arrays always present). */
export interface ResultManifest {
  DestinationBucket: string;
  MapRunArn: string;
  ResultFiles: { FAILED: ResultFileRef[]; PENDING: ResultFileRef[]; SUCCEEDED: ResultFileRef[] };
}

export interface FinalizeResult {
  manifestKey: string;
  /**
   * Records per child status, all five present. Absent when an earlier call had already finished (a retry after
   * the activity completed but before Temporal heard of it): the parts it counted are gone by then.
   */
  counts?: Record<ChildStatus, number>;
  manifest: ResultManifest;
}
