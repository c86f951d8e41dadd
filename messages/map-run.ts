/**
 * Messages of the Map Run actor and its partitions. Node-free: shared by workflows and the client.
 * Partitions report to their Map Run by signal (workflow id only), never through child results, so the Map Run
 * can continue as new while partitions run.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Json } from '../asl/json';
import type { MapRunCounts } from './map-run-counts';

export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface MapRunDescription {
  mapRunArn: string;
  executionArn: string;
  stateMachineArn: string;
  label: string;
  status: MapRunStatus;
  startDate: number;
  stopDate?: number;
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  toleratedFailureCount: number;
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
  redriveCount: number;
  redriveDate?: number;
  error?: string;
  cause?: string;
  /** The last repair of this Map Run (redriveMapRun, client/map-run-repair.ts): this engine's addition. */
  lastRepair?: { redriveDate: number; clientToken?: string };
  /** Partitions running now, with the counts last reported: DescribeMapRun asks each for fresh ones. */
  runningPartitions?: Array<{ index: number; workflowId: string; items: MapRunCounts; executions: MapRunCounts }>;
}

export interface MapRunChange {
  maxConcurrency?: number;
  toleratedFailurePercentage?: number;
  toleratedFailureCount?: number;
}

export interface PartitionReport {
  partition: number;
  items: MapRunCounts;
  executions: MapRunCounts;
  /** Set on the last report of the partition. */
  finished?: {
    /** Outputs of the children that succeeded, by child index, when the Map Run keeps results in its output. */
    outputs?: Record<number, Json>;
    /** Each child's status letter (S, F, T, A, P), for a later redrive. */
    childStates?: string;
    /** Run ids of Standard children, so a redrive continues their runs. */
    childRunIds?: Record<number, string>;
    /** When each unsuccessful child closed: a redrive leaves one past its own redrivable period as it is. */
    childStopDates?: Record<number, number>;
    /** Outputs went past the 256 KiB quota and were not kept. */
    outputsOverflow?: boolean;
    /** With batches: the items of children a redrive may not re-run, by how they ended (absent when none). */
    notRedrivableItems?: NotRedrivableItems;
    /** The last error's name of each unsuccessful child that ended with one: what a selective redrive selects by. */
    childErrors?: Record<number, string>;
    /** With batches: each child's item count, so that a selection by item index finds the batch holding an item. */
    childItemCounts?: number[];
    /** A fault that fails the whole Map Run (e.g. a result part that could not be written). */
    fault?: { error: string; cause?: string };
  };
}

/** Items of children that may not be redriven, by how they ended: what a batch child's letter cannot say. */
export type NotRedrivableItems = Pick<MapRunCounts, 'failed' | 'timedOut' | 'aborted'>;

export const describeMapRunQuery = defineQuery<MapRunDescription>('describe');

/** What a redrive of this Map Run needs from its last run: the pages and what each partition left. */
export interface MapRunRedriveState {
  redriveCount: number;
  /** When the last redrive that ran began (absent before the first). */
  redriveDate?: number;
  /**
   * False when no attempt started any partition (the reader or a permission failed first, or the parent stopped
   * before): a redrive then starts a new Map Run that reads its items again (sfn-spec §3.6). Absent = true.
   */
  childrenStarted?: boolean;
  pages: PartitionPageRef[];
  partitions: Record<
    number,
    {
      childStates: string;
      childRunIds: Record<number, string>;
      childStopDates?: Record<number, number>;
      outputs?: Record<number, Json>;
      /** The partition's final counts, kept when a redrive cannot re-run it (a refused permission). */
      items?: MapRunCounts;
      executions?: MapRunCounts;
      notRedrivableItems?: NotRedrivableItems;
      childErrors?: Record<number, string>;
      childItemCounts?: number[];
      /**
       * Set by the redrive that reads this state, never by the Map Run that left it: unsuccessful children this
       * redrive leaves as they are because a selection (messages/redrive-plan.ts) did not pick them. They keep their
       * letters, so a later redrive may still run them.
       */
      held?: number[];
    }
  >;
}
export type PartitionPageRef = {
  index: number;
  firstItem: number;
  itemCount: number;
  itemBytes?: number;
  cursor?: Json;
  items?: Json[];
};
/** During a redrive: the names of the children it leaves as they are (failuresNotRedrivable). */
export const notRedrivableChildrenQuery = defineQuery<string[]>('notRedrivableChildren');
export const mapRunRedriveStateQuery = defineQuery<MapRunRedriveState>('redriveState');
/**
 * The description and the redrive state in one answer: a closed Map Run answers each query by replaying its whole
 * history, so a repair (client/map-run-repair.ts) asks once.
 */
export const repairStateQuery = defineQuery<{ description: MapRunDescription; redriveState: MapRunRedriveState }>(
  'repairState',
);
export const updateMapRunUpdate = defineUpdate<void, [MapRunChange]>('updateMapRun');
export const partitionReportSignal = defineSignal<[PartitionReport]>('partitionReport');
/** From a partition: it has `demand` children left to finish; the slots of those that ended may go to others. */
export const partitionDemandSignal = defineSignal<[{ partition: number; demand: number }]>('partitionDemand');
/** A partition's current counts (the Map Run itself only hears of failures and of the end). */
export const partitionProgressQuery = defineQuery<PartitionReport>('progress');

/** To a partition: stop starting children, cancel running Standard ones (the Map Run failed or was stopped). */
export const abortPartitionSignal = defineSignal('abort');
/** To a partition: its share of MaxConcurrency changed. */
export const setWindowSignal = defineSignal<[number]>('setWindow');
