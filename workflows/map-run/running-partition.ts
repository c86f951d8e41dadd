/**
 * A partition as its Map Run's runner (partition-runner.ts) holds it while it runs: a workflow or a partition inside
 * the Map Run, its share of MaxConcurrency and its demand.
 */
import type { ChildWorkflowHandle } from '@temporalio/workflow';
import type { MapPartitionWorkflow } from '../workflow-signatures';
import type { LocalPartition } from './local-partitions';

/**
 * Map Runs begun before this patch started ceil(C / 250) partitions at once, whatever each had to run (a redrive of
 * failures spread thinly ran far fewer than C children at once), and one after another, each waiting for the last
 * one's start (about 100 ms each on a dev server). Now partitions that fit start together, in one workflow task.
 */
export const PARTITION_STARTS_PATCH = 'map-run-partition-starts';

export interface RunningPartition {
  /** Absent while the partition's start is under way, and for a partition running inside the Map Run. */
  handle?: ChildWorkflowHandle<MapPartitionWorkflow>;
  /** A partition running inside the Map Run (local-partitions.ts). */
  local?: LocalPartition;
  window: number;
  /** Children this partition runs in this attempt; under HAND_BACK_PATCH, those it has left to finish. */
  demand: number;
  /** Under HAND_BACK_PATCH: the largest window it was ever given (it may still be running that many). */
  ceiling?: number;
}
