/**
 * Writes one Express child's records (child-records.ts) as it runs: RUNNING when it starts, its outcome when it
 * ends. A record that cannot be written never fails or holds up the child: the write is tried twice, then the
 * failure is reported in the worker log with the child's ARN (the child's outcome still reaches its Map Run).
 */
import type { Context } from '@temporalio/activity';
import type { Json } from '../../asl/json';
import type { ExpressChildRecord, ExpressChildRecords } from './child-records';

const WRITE_ATTEMPTS = 2;

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
  private readonly start: Promise<void>;

  constructor(
    private readonly records: ExpressChildRecords,
    private readonly child: RecordedChild,
    private readonly context: Context,
  ) {
    this.start = this.write('started', { ...child, status: 'RUNNING' });
  }

  /** Resolves once the outcome's record is written (or reported as lost), after the start's. */
  async ended(outcome: RecordedOutcome): Promise<void> {
    await this.start;
    await this.write('ended', { ...this.child, ...outcome });
  }

  private async write(step: 'started' | 'ended', record: ExpressChildRecord): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.records[step](record);
        return;
      } catch (error) {
        if (attempt < WRITE_ATTEMPTS) continue;
        this.context.log.warn('An Express child record could not be written: DescribeExecution shows an older one', {
          executionArn: record.executionArn,
          mapRunArn: record.mapRunArn,
          status: record.status,
          bucket: this.records.bucket,
          error: error instanceof Error ? error.message : String(error),
        });
        return;
      }
    }
  }
}
