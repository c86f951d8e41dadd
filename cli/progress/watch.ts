/**
 * `describe-map-run --watch` and `start-execution --wait`: poll DescribeMapRun (and, for an execution,
 * DescribeExecution and ListMapRuns) until closed, drawing the figures as they come.
 */
import type { StepFunctions } from '../../client/step-functions';
import { countsText, eta, finished, formatRate, formatSeconds, RateTracker } from './progress-figures';
import type { ProgressDisplay } from './progress-display';

type MapRunDescription = Awaited<ReturnType<StepFunctions['describeMapRun']>>;
type ExecutionDescription = Awaited<ReturnType<StepFunctions['describeExecution']>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Map Run's short name on a progress line: the first characters of its id (the ARN's last part). */
export function mapRunLabel(mapRunArn: string): string {
  return `Map Run ${(mapRunArn.split(':').pop() ?? mapRunArn).slice(0, 8)}`;
}

class MapRunBar {
  private readonly rate = new RateTracker();

  constructor(
    private readonly display: ProgressDisplay,
    private readonly mapRunArn: string,
  ) {}

  show(run: MapRunDescription, now = Date.now()): void {
    const counts = run.itemCounts;
    this.rate.add(now, finished(counts));
    const perSecond = this.rate.perSecond();
    const tail = run.status === 'RUNNING' ? ` | ${formatRate(perSecond)} | ETA ${eta(counts, perSecond)}` : '';
    this.display.update(this.mapRunArn, {
      label: mapRunLabel(this.mapRunArn),
      status: run.status,
      value: finished(counts),
      total: counts.total,
      detail: `items | ${countsText(counts)}${tail}`,
    });
  }
}

export async function watchMapRun(
  sfn: StepFunctions,
  mapRunArn: string,
  display: ProgressDisplay,
  pollMs = 1000,
): Promise<MapRunDescription> {
  const bar = new MapRunBar(display, mapRunArn);
  for (;;) {
    const run = await sfn.describeMapRun({ mapRunArn });
    bar.show(run);
    if (run.status !== 'RUNNING') return run;
    await sleep(pollMs);
  }
}

export async function watchExecution(
  sfn: StepFunctions,
  executionArn: string,
  display: ProgressDisplay,
  pollMs = 1000,
): Promise<ExecutionDescription> {
  const bars = new Map<string, MapRunBar>();
  let mapRunsListedAt = 0;
  let mapRunArns: string[] = [];
  for (;;) {
    const execution = await sfn.describeExecution({ executionArn });
    const running = execution.status === 'RUNNING';
    const elapsed = (execution.stopDate ?? new Date()).getTime() - execution.startDate.getTime();
    display.update(executionArn, {
      label: `Execution ${execution.name}`,
      status: execution.status,
      value: 0,
      total: 0,
      detail: `${formatSeconds(elapsed / 1000)}${execution.redriveCount ? ` | redrive ${execution.redriveCount}` : ''}`,
    });
    // New Map Runs appear while the execution runs; listing is heavier than describing, so not every poll.
    if (!running || Date.now() - mapRunsListedAt >= 3000) {
      mapRunsListedAt = Date.now();
      mapRunArns = (await sfn.listMapRuns({ executionArn, maxResults: 20 })).mapRuns.map((m) => m.mapRunArn);
    }
    for (const mapRunArn of mapRunArns) {
      let bar = bars.get(mapRunArn);
      if (!bar) bars.set(mapRunArn, (bar = new MapRunBar(display, mapRunArn)));
      bar.show(await sfn.describeMapRun({ mapRunArn }));
    }
    if (!running) return execution;
    await sleep(pollMs);
  }
}

/** `--watch --no-progress`: wait quietly. */
export async function waitForMapRun(sfn: StepFunctions, mapRunArn: string, pollMs = 1000): Promise<MapRunDescription> {
  for (;;) {
    const run = await sfn.describeMapRun({ mapRunArn });
    if (run.status !== 'RUNNING') return run;
    await sleep(pollMs);
  }
}
