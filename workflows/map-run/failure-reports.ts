/**
 * A partition's failure reports to its Map Run. Failures are pushed, because the Map Run must notice a tripped
 * threshold; at most one signal per interval (the latest counts always get through) and none at all when no
 * threshold can trip. Everything else the Map Run pulls with the progress query: no signal traffic per child.
 */
import { CancellationScope, sleep } from '@temporalio/workflow';
import type { PartitionReport } from '../../messages/map-run';
import type { PartitionHost } from './partition-host';
import { logUndelivered } from './undelivered';

export class FailureReports {
  private lastReport = 0;
  private reportedFailures = 0;
  private pending = false;

  constructor(
    /** False when no threshold can trip (e.g. 100% tolerated). */
    private readonly enabled: boolean,
    /** Delivers a report: a signal to the Map Run, or a call when the partition runs inside it. */
    private readonly host: Pick<PartitionHost, 'sendReport' | 'reportIntervalMs'>,
    private readonly mapRunArn: string,
    private readonly failures: () => number,
    private readonly report: () => PartitionReport,
  ) {}

  /** After a child failed or timed out: reports the counts now, or once the interval has passed. */
  send(): void {
    if (!this.enabled || this.failures() === this.reportedFailures || this.pending) return;
    const wait = this.host.reportIntervalMs - (Date.now() - this.lastReport);
    this.pending = true;
    void CancellationScope.nonCancellable(async () => {
      if (wait > 0) await sleep(wait);
      this.pending = false;
      this.lastReport = Date.now();
      this.reportedFailures = this.failures();
      await this.host.sendReport(this.report());
    }).catch(logUndelivered(this.mapRunArn, 'partitionReport', this.mapRunArn));
  }
}
