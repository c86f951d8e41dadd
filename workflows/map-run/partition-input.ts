/**
 * What a partition workflow (partition.ts, and partition-before-lanes.ts for partitions that predate its lanes)
 * is started with: its page of items, its window, and on a Map Run redrive what its previous attempt left.
 */
import type { Json } from '../../asl/json';
import type { MapRunConfig } from './config';
import type { PartitionPage } from './pages';

export interface PartitionInput {
  config: MapRunConfig;
  page: PartitionPage;
  window: number;
  /** `pending`: the Map Run was aborted before this partition ran; only its PENDING records are written. */
  mode: 'run' | 'pending';
  /** Keep child outputs for the Map state's result (no export, and the quota not already spent). */
  collectOutputs: boolean;
  /** Tell the Map Run about failures (false when no threshold can trip, e.g. 100% tolerated). */
  reportFailures: boolean;
  /** A Map Run redrive: only the children that did not succeed last time run again. */
  redrive?: PartitionRedrive;
  /** Tell the Map Run as children end how many are left (hand-back.ts): its partitions cannot all run at once. */
  handBack?: boolean;
}

/** Failure reports to the Map Run (`reportFailures`) go at most this often. */
export const FAILURE_REPORT_INTERVAL_MS = 1000;

/** What a partition's previous attempt left: each child's status letter, outputs and Standard children's runs. */
export interface PartitionRedrive {
  redriveCount: number;
  /** One letter per child (child-states.ts). */
  childStates: string;
  childRunIds: Record<number, string>;
  childStopDates?: Record<number, number>;
  outputs?: Record<number, Json>;
  childErrors?: Record<number, string>;
  /** Unsuccessful children this redrive leaves as they are: a selection did not pick them. */
  held?: number[];
}
