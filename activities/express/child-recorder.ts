/**
 * One Express child's records (child-records.ts), queued as it runs: its outcome when it ends and, if it is still
 * running a second after it started, a RUNNING record meanwhile. Most children end sooner and queue one record.
 * Queuing never fails or holds up the child; what the store cannot take is counted and reported by the writer.
 */
import type { Json } from '../../asl/json';
import type { ExpressChildRecordWriter } from './child-records';

/** A child still running this long after it started gets a RUNNING record. */
export const RUNNING_RECORD_AFTER_MS = 1000;

export interface RecordedChild {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  mapRunArn: string;
  input: Json;
  startDate: number;
}

export type RecordedOutcome =
  | { status: 'SUCCEEDED'; output: Json; stopDate: number }
  | { status: 'FAILED' | 'TIMED_OUT'; error?: string; cause?: string; stopDate: number };

export class ChildRecorder {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly writer: ExpressChildRecordWriter,
    private readonly child: RecordedChild,
  ) {
    this.timer = setTimeout(() => writer.add({ ...child, status: 'RUNNING' }), RUNNING_RECORD_AFTER_MS);
  }

  ended(outcome: RecordedOutcome): void {
    clearTimeout(this.timer);
    this.writer.add({ ...this.child, ...outcome });
  }

  /** The run was cut (its retry records itself): no RUNNING record for it any more. */
  abandon(): void {
    clearTimeout(this.timer);
  }
}
