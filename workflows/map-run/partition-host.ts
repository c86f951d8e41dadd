/**
 * How a partition hears from its Map Run and answers it. A partition workflow does it by signal and query; a
 * partition a small Express redrive runs inside its Map Run (local-partitions.ts) by plain calls. The partition's
 * own code (partition.ts) is the same either way.
 */
import { CancellationScope, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import {
  abortPartitionSignal,
  partitionDemandSignal,
  partitionProgressQuery,
  partitionReportSignal,
  setWindowSignal,
  type PartitionReport,
} from '../../messages/map-run';
import type { expressActivities } from './activities';
import type { MapRunConfig } from './config';
import { expressChildContext, expressChildContextQuery } from './express-context';
import { EXPRESS_GROUP_PATCH, ExpressGroups } from './express-groups';
import { FAILURE_REPORT_INTERVAL_MS } from './partition-input';
import { workflowHandBackStep } from './hand-back';
import { logUndelivered } from './undelivered';

export interface PartitionHost {
  /** `abort` runs when the Map Run aborts the partition (its failure, its stop). */
  onAbort(abort: () => void): void;
  /** `set` runs when the partition's share of MaxConcurrency changes. */
  onWindow(set: (window: number) => void): void;
  /** `report` answers DescribeMapRun with the partition's counts as of now. */
  onProgress(report: () => PartitionReport): void;
  /** Hands the Map Run a failure report. */
  sendReport(report: PartitionReport): Promise<void>;
  /** Tells the Map Run how many children the partition has left to finish (hand-back.ts). */
  handBack(unfinished: number): void;
  /** Children to end between two hand-backs. */
  handBackStep(demand: number): number;
  /** Failure reports go at most this often. */
  reportIntervalMs: number;
  /** The partition runs inside a non-cancellable scope already (inside its Map Run): it needs none of its own. */
  insideNonCancellable: boolean;
  /**
   * The partition is given its window when it starts, and takes no promise it can do without: it builds its
   * children at once when they need no ItemSelector, and hears that they are done by callback instead of a
   * condition (a partition inside its Map Run, one of many: local-partitions.ts).
   */
  startsAtOnce: boolean;
  /** How Express children are sent to the worker: in groups (express-groups.ts), or one activity each (older). */
  expressGroups(express: ReturnType<typeof expressActivities>): ExpressGroups | undefined;
}

/** A partition workflow's host: the Map Run's signals and queries, and its own cancellation. */
export function workflowPartitionHost(config: MapRunConfig, partition: number): PartitionHost {
  setHandler(expressChildContextQuery, () => expressChildContext(config));
  return {
    onAbort(abort) {
      CancellationScope.current().cancelRequested.catch(abort);
      setHandler(abortPartitionSignal, abort);
    },
    onWindow: (set) => setHandler(setWindowSignal, set),
    onProgress: (report) => setHandler(partitionProgressQuery, report),
    sendReport: (report) => getExternalWorkflowHandle(config.mapRunArn).signal(partitionReportSignal, report),
    handBack: (demand) =>
      void getExternalWorkflowHandle(config.mapRunArn)
        .signal(partitionDemandSignal, { partition, demand })
        .catch(logUndelivered(config.mapRunArn, 'partitionDemand', config.mapRunArn)),
    handBackStep: workflowHandBackStep,
    reportIntervalMs: FAILURE_REPORT_INTERVAL_MS,
    insideNonCancellable: false,
    startsAtOnce: false,
    expressGroups: (express) => (patched(EXPRESS_GROUP_PATCH) ? new ExpressGroups(express) : undefined),
  };
}
