/**
 * A Map Run partition (workflow id `<mapRunArn>/p<k>`): up to 250 children over one page of items, at most
 * `window` of them running at once (ChildLanes: index order, resizable by the Map Run). It reports its counts to
 * the Map Run by signal, writes ResultWriter parts as children finish, and returns its final report.
 *
 * Each child costs the partition as few workflow promises as a hand-written fan-out (the SDK records a stack trace
 * for every promise a workflow creates, which made the partition the largest CPU cost of a Map Run): no promise per
 * waiting child, one `.then` per running child, one cancellation scope for all children.
 */
import { CancellationScope, condition, isCancellation, patched, uuid4 } from '@temporalio/workflow';
import { expressActivities, mapRunActivities } from './activities';
import { buildChildren, childrenOf } from './child-input';
import { failedChildOutcome, type ChildOutcome } from './child-outcome';
import { FailureReports } from './failure-reports';
import { SlotHandBack } from './hand-back';
import { ChildLanes } from './lanes';
import { partitionBeforeLanes } from './partition-before-lanes';
import type { PartitionReport } from '../../messages/map-run';
import { workflowPartitionHost, type PartitionHost } from './partition-host';
import { readerPage } from './pages';
import type { PartitionInput } from './partition-input';
import { PartitionProgress } from './partition-progress';
import { childRunId, oversizedChild, startExpressChild, startStandardChild } from './run-child';

/** Partitions started before this patch ran children under a semaphore; they replay through partition-before-lanes.ts. */
export const LANES_PATCH = 'map-partition-lanes';

export function mapPartitionWorkflow(input: PartitionInput): Promise<PartitionReport> {
  return patched(LANES_PATCH) ? runPartition(input) : partitionBeforeLanes(input);
}

function runPartition(input: PartitionInput): Promise<PartitionReport> {
  return runPartitionWith(input, workflowPartitionHost(input.config, input.page.index));
}

/** The partition's work, wherever it runs: as its own workflow, or inside its Map Run (partition-host.ts). */
export async function runPartitionWith(input: PartitionInput, host: PartitionHost): Promise<PartitionReport> {
  const { config, page } = input;
  const standard = config.executionType === 'STANDARD';
  let window = input.window;
  let aborted = input.mode === 'pending';
  // All children run in this one scope: cancelling it aborts every running Standard child; Express children are
  // never cancelled (sfn-spec §2.7), an abort waits for them. Inside a non-cancellable scope already (a partition
  // running inside its Map Run), Express children need no scope of their own: every scope costs the workflow
  // promises, each with a stack trace the SDK records, and a Map Run runs many such partitions at once.
  const inScope = host.insideNonCancellable && !standard;
  const children = inScope ? undefined : new CancellationScope({ cancellable: standard });
  const nonCancellable = <T>(fn: () => Promise<T>): Promise<T> =>
    inScope ? fn() : CancellationScope.nonCancellable(fn);
  /** Set once the lanes exist: an abort may leave them idle at once. */
  let recheckIdle = () => {};
  host.onAbort(() => {
    aborted = true;
    if (standard) children?.cancel();
    recheckIdle();
  });
  host.onWindow((next) => {
    window = next;
  });

  const items = page.items ?? (await mapRunActivities().readItemPage(config.reader!, readerPage(page)));
  const specs =
    host.startsAtOnce && config.itemSelector === undefined
      ? childrenOf(config, items, page.index)
      : await buildChildren(config, items, page.firstItem, page.index, {
          uuid: uuid4,
          random: Math.random,
          now: Date.now,
        });
  const progress = new PartitionProgress(input, items, specs);
  // DescribeMapRun asks running partitions for their counts: no signal traffic per child (pull, not push).
  host.onProgress(() => progress.report());
  const handBack = new SlotHandBack(
    specs.reduce((demand, _, k) => (progress.kept(k) ? demand : demand + 1), 0),
    (demand) => host.handBackStep(demand),
    input.handBack
      ? (unfinished) => {
          if (!aborted) host.handBack(unfinished);
        }
      : undefined,
  );
  const failureReports = new FailureReports(
    input.reportFailures,
    host,
    config.mapRunArn,
    () => progress.failures(),
    () => progress.report(),
  );

  const express = standard ? undefined : expressActivities();
  const groups = express && host.expressGroups(express);
  /** Starts child k; its end (one `.then`, no other promise) records the outcome and frees the slot. */
  function launch(k: number, settled: () => void): void {
    const child = specs[k]!;
    progress.started(child);
    const startDate = Date.now();
    const end = (outcome: ChildOutcome) => {
      progress.ended(child, k, outcome);
      if (outcome.status === 'FAILED' || outcome.status === 'TIMED_OUT') failureReports.send();
      handBack.ended();
      settled();
    };
    const oversized = oversizedChild(child, startDate);
    if (oversized) return end(oversized);
    const failed = (error: unknown) => {
      const runId = childRunId(error);
      if (runId) progress.runIds[k] = runId;
      end(failedChildOutcome(error, startDate, Date.now()));
    };
    if (groups) groups.add(child, end, failed);
    else if (express) void startExpressChild(express, child).then(end, failed);
    else {
      void startStandardChild(config, child, progress.runIds[k]).then(
        (output) => end({ status: 'SUCCEEDED', output, startDate, stopDate: Date.now() }),
        failed,
      );
    }
  }

  const lanes = new ChildLanes(
    specs.length,
    { window: () => window, stopped: () => aborted },
    (k) => progress.kept(k),
    launch,
  );
  // The loop that starts children runs in the children's scope; on an abort it stops (or is cancelled with them).
  // Any other error is a bug: rethrown, it fails the workflow task, as an error of the workflow function would.
  void (children ? children.run(() => lanes.startAll()) : lanes.startAll()).catch((error: unknown) => {
    if (!isCancellation(error)) throw error;
  });
  recheckIdle = () => lanes.recheck();
  if (host.startsAtOnce) await lanes.whenIdle();
  else await nonCancellable(() => condition(() => lanes.idle));
  return nonCancellable(() => progress.finish());
}
