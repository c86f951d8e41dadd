/**
 * Buffers a partition's ResultWriter records and writes them as numbered parts while children finish, so results
 * never pile up in workflow state. Part names are deterministic: a retried write replaces, never duplicates.
 */
import { CancellationScope } from '@temporalio/workflow';
import { mapRunActivities } from './activities';
import type { MapRunConfig } from './config';
import type { ChildResultRecord } from './result-record';

const RECORDS_PER_PART = 100;

export class ResultBuffer {
  private records: Array<{ record: ChildResultRecord; items: number }> = [];
  private chunk = 0;
  private writing: Promise<void> = Promise.resolve();
  written = { executions: 0, items: 0 };
  /** The first write that failed for good (States.ResultWriterFailed); later parts are not attempted. */
  failure?: { error: string; cause?: string };

  constructor(
    private readonly config: MapRunConfig,
    private readonly partition: number,
    /** Each attempt (first run, redrives) names its parts apart; name order is attempt, partition, chunk. */
    private readonly attempt: number,
  ) {}

  add(record: ChildResultRecord, items: number): void {
    this.records.push({ record, items });
    // The write chain never rejects (failures are kept in `failure`), so it is safe to let it run on.
    if (this.records.length >= RECORDS_PER_PART) void this.flush();
  }

  /** Writes what is buffered; resolves when every part so far is written. */
  flush(): Promise<void> {
    if (this.records.length > 0) {
      const batch = this.records;
      this.records = [];
      const name = `a${String(this.attempt).padStart(4, '0')}-p${String(this.partition).padStart(6, '0')}-c${String(this.chunk++).padStart(6, '0')}`;
      this.writing = this.writing.then(() =>
        CancellationScope.nonCancellable(async () => {
          if (this.failure) return;
          try {
            await mapRunActivities().writeResultPart(this.config, { name, records: batch.map((r) => r.record) });
          } catch (error) {
            const cause = (error as { cause?: { type?: string; message?: string } }).cause;
            this.failure = {
              error: cause?.type ?? 'States.ResultWriterFailed',
              cause: cause?.message ?? String(error),
            };
            return;
          }
          this.written.executions += batch.length;
          this.written.items += batch.reduce((sum, r) => sum + r.items, 0);
        }),
      );
    }
    return this.writing;
  }
}
