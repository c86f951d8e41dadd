/**
 * The figures a progress display shows for a Map Run: items finished, counts by status, rate over the last
 * seconds and the time left at that rate. Pure: the display and the tests share it.
 */
import type { MapRunCounts } from '../../messages/map-run-counts';

/** DescribeMapRun's item counts, less the two the progress line does not show. */
export type ItemCounts = Omit<MapRunCounts, 'resultsWritten' | 'failuresNotRedrivable'>;

export const finished = (c: ItemCounts) => c.succeeded + c.failed + c.timedOut + c.aborted;

/** Items per second over the samples of the last `windowMs` (differences only: a redrive starts from high counts). */
export class RateTracker {
  private readonly samples: Array<{ at: number; done: number }> = [];

  constructor(private readonly windowMs = 15_000) {}

  add(at: number, done: number): void {
    this.samples.push({ at, done });
    while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift();
  }

  /** undefined until two samples at least 1 s apart exist. */
  perSecond(): number | undefined {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 1000) return undefined;
    return Math.max(0, ((last.done - first.done) * 1000) / (last.at - first.at));
  }
}

export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function eta(counts: ItemCounts, rate: number | undefined): string {
  const left = counts.total - finished(counts);
  if (left <= 0) return '0s';
  if (rate === undefined || rate <= 0) return '?';
  return formatSeconds(left / rate);
}

export function formatRate(rate: number | undefined): string {
  if (rate === undefined) return '?/s';
  return `${rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toFixed(1)}/s`;
}

/** "succeeded 1,200 failed 3 running 40 pending 757": the statuses that are not zero (succeeded always). */
export function countsText(c: ItemCounts): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const parts = [`succeeded ${n(c.succeeded)}`];
  if (c.failed) parts.push(`failed ${n(c.failed)}`);
  if (c.timedOut) parts.push(`timed out ${n(c.timedOut)}`);
  if (c.aborted) parts.push(`aborted ${n(c.aborted)}`);
  if (c.running) parts.push(`running ${n(c.running)}`);
  if (c.pendingRedrive) parts.push(`pending redrive ${n(c.pendingRedrive)}`);
  const waiting = c.pending - c.pendingRedrive;
  if (waiting > 0) parts.push(`pending ${n(waiting)}`);
  return parts.join(' ');
}
