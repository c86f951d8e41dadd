/**
 * What a Map Run knows while it runs: the settings UpdateMapRun changes, its description (DescribeMapRun), its
 * pages and the partitions' reports, its partition runner, and the failure it will end with. Its counts are always
 * summed from the reports, so each partition counts once, by its latest report.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { MapRunDescription, MapRunRedriveState, PartitionReport } from '../../messages/map-run';
import type { MapRunConfig, MapRunInput, MapRunSettingsInput } from './config';
import { addCounts, emptyCounts, type MapRunCounts } from './counts';
import type { StepFunctionsFailure } from './failures';
import type { PartitionPage } from './pages';
import { PartitionRunner } from './partition-runner';
import { waitingCounts, type PageCounts } from './waiting-counts';

export class MapRunState {
  readonly config: MapRunConfig;
  /** MaxConcurrency and the tolerated failures, as UpdateMapRun last set them. */
  readonly settings: MapRunSettingsInput;
  readonly description: MapRunDescription;
  pages: PartitionPage[] = [];
  readonly reports = new Map<number, PartitionReport>();
  /** What the Map Run fails with: the first failure stands. */
  failure: StepFunctionsFailure | undefined;
  /** Partitions were started in this attempt or an earlier one: a redrive then re-runs this Map Run's items. */
  childrenStarted: boolean;
  /** The role may not do what the Map Run needs: nothing was written, and nothing is written now either. */
  denied = false;
  readonly runner: PartitionRunner;
  /** On a redrive: what the last attempt left, which pages count by until their partitions report. */
  readonly previous: MapRunRedriveState | undefined;

  constructor(input: MapRunInput) {
    const { config } = input;
    this.config = config;
    this.settings = { ...input.settings };
    this.description = {
      mapRunArn: config.mapRunArn,
      executionArn: config.executionArn,
      stateMachineArn: config.labelledStateMachineArn,
      label: config.label,
      status: 'RUNNING',
      startDate: workflowInfo().startTime.getTime(),
      ...this.settings,
      itemCounts: emptyCounts(),
      executionCounts: emptyCounts(),
      redriveCount: input.redrive?.redriveCount ?? 0,
      ...(input.redrive ? { redriveDate: input.redrive.redriveDate } : {}),
      ...(input.redrive?.repair
        ? { lastRepair: { redriveDate: input.redrive.redriveDate, ...input.redrive.repair } }
        : {}),
    };
    const previous = input.redrive?.previous;
    this.previous = previous;
    this.runner = new PartitionRunner(
      config,
      () => this.settings.maxConcurrency,
      // With 100% tolerated no failure can trip the threshold, so partitions need not report them.
      () => this.settings.toleratedFailurePercentage < 100,
      (index) => {
        const left = previous?.partitions[index];
        return left && input.redrive ? { ...left, redriveCount: input.redrive.redriveCount } : undefined;
      },
    );
    this.childrenStarted = Boolean(previous);
  }

  /**
   * Item and child counts summed over the pages: reported counts, or for a page not reported yet all pending (the
   * thresholds' view, as Map Runs have always counted) or, `whole`, what it has before its partition starts
   * (DescribeMapRun: on a redrive, earlier successes stay succeeded and the rest is pending redrive).
   */
  countsNow(whole = false): { itemCounts: MapRunCounts; executionCounts: MapRunCounts } {
    const itemCounts = emptyCounts();
    const executionCounts = emptyCounts();
    for (const page of this.pages) {
      const left = whole ? this.previous?.partitions[page.index] : undefined;
      // A partition running inside the Map Run answers for itself (local-partitions.ts).
      const live = whole ? this.runner.liveReport(page.index) : undefined;
      const counts = live ?? this.reports.get(page.index) ?? waitingCounts(page, left, this.config.batcher);
      addCounts(itemCounts, counts.items);
      addCounts(executionCounts, counts.executions);
    }
    return { itemCounts, executionCounts };
  }

  /** The counts of a page whose partition has not reported in this attempt (waiting-counts.ts). */
  waitingCounts(index: number): PageCounts {
    const page = this.pages[index];
    if (!page) return { items: emptyCounts(), executions: emptyCounts() };
    return waitingCounts(page, this.previous?.partitions[index], this.config.batcher);
  }

  /** The Map Run will fail (with its first failure): running partitions are aborted, none is started. */
  fail(failure: StepFunctionsFailure): void {
    this.failure ??= failure;
    this.runner.abortAll();
  }
}
