/**
 * A small Express redrive runs its partitions inside the Map Run instead of as partition workflows.
 *
 * Why: a sparse redrive (100 failures over 10,000 items) re-runs a few children in each of many partitions, and each
 * partition workflow costs a start (one after another on the server: about 10 ms each for the same parent), its
 * first workflow task, its report and its close, which took most of such a redrive's time: 40 partitions took 0.4 s
 * to start and 0.6 s to run 2 or 3 children each (bench/RESULTS.md). Inside the Map Run the same partition code
 * (partition.ts, through partition-host.ts) runs with plain calls for its signals and queries, and its Express
 * children go out in shared groups. Express children only: they are activities wherever they are scheduled, while a
 * Standard child is a child workflow of its partition. And only while the redrive is small, so the Map Run's own
 * history takes no more than a few partitions' worth.
 */
import { CancellationScope, patched } from '@temporalio/workflow';
import type { PartitionReport } from '../../messages/map-run';
import type { MapRunConfig } from './config';
import type { ExpressGroups } from './express-groups';
import { runPartitionWith } from './partition';
import type { PartitionHost } from './partition-host';
import type { PartitionInput } from './partition-input';

/** Map Runs begun before this patch ran every redrive in partition workflows. */
export const LOCAL_REDRIVE_PATCH = 'map-run-local-express-redrive';

/**
 * Local partitions begun before this patch each took a cancellation scope of their own and a condition, and got their
 * windows after they had started; now they share one scope, start with their windows and take no condition.
 */
export const LOCAL_AT_ONCE_PATCH = 'map-run-local-partitions-at-once';

/** The most children a redrive runs inside its Map Run: four partitions' worth. */
export const LOCAL_REDRIVE_MAX_CHILDREN = 1000;

/** What the Map Run's runner holds of a partition running inside it. */
export interface LocalPartition {
  abort(): void;
  setWindow(window: number): void;
  /** Its counts as of now; undefined until it has built its children. */
  progress(): PartitionReport | undefined;
}

/**
 * Whether this attempt's partitions run inside the Map Run: an Express redrive of few children. `demand` (every
 * child this attempt re-runs, counted over all pages) is only counted for an Express redrive.
 */
export function runsLocally(config: MapRunConfig, redriving: boolean, demand: () => number): boolean {
  if (config.executionType !== 'EXPRESS' || !redriving || demand() > LOCAL_REDRIVE_MAX_CHILDREN) return false;
  return patched(LOCAL_REDRIVE_PATCH);
}

/**
 * Runs a partition inside the Map Run: `takeReport` gets its failure reports (as the report signal would), and the
 * result is its final report. Not cancelled with the Map Run: a stop aborts it (Express children are awaited).
 * `atOnce` (LOCAL_AT_ONCE_PATCH): the caller runs it in a non-cancellable scope and gave it its window already.
 */
export function startLocalPartition(
  input: PartitionInput,
  groups: ExpressGroups,
  takeReport: (report: PartitionReport) => void,
  atOnce = false,
  handBack: (unfinished: number) => void = () => {},
): { local: LocalPartition; result: Promise<PartitionReport> } {
  let abort = () => {};
  let setWindow = (_window: number) => {};
  let progress: (() => PartitionReport) | undefined;
  const host: PartitionHost = {
    onAbort: (onAbort) => {
      abort = onAbort;
    },
    onWindow: (onWindow) => {
      setWindow = onWindow;
    },
    onProgress: (report) => {
      progress = report;
    },
    sendReport: (report) => {
      takeReport(report);
      return Promise.resolve();
    },
    // A call costs nothing: the Map Run hears of every failure and every end at once.
    reportIntervalMs: 0,
    handBack,
    handBackStep: () => 1,
    insideNonCancellable: true,
    startsAtOnce: atOnce,
    expressGroups: () => groups,
  };
  const result = atOnce
    ? runPartitionWith(input, host)
    : CancellationScope.nonCancellable(() => runPartitionWith(input, host));
  return {
    local: { abort: () => abort(), setWindow: (window) => setWindow(window), progress: () => progress?.() },
    result,
  };
}
