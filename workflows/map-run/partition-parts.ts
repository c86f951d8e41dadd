/**
 * What a partition workflow (partition.ts, and legacy-partition.ts for partitions that predate its lanes) takes
 * as input, and the pure pieces both build their reports with.
 */
import { childExecutionArn } from '../../asl/arn';
import type { Json } from '../../asl/json';
import type { ChildSpec } from './child-input';
import type { ChildOutcome } from './child-outcome';
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
}

/** What a partition's previous attempt left: each child's status letter, outputs and Standard children's runs. */
export interface PartitionRedrive {
  redriveCount: number;
  childStates: string;
  childRunIds: Record<number, string>;
  outputs?: Record<number, Json>;
}

/**
 * One letter per child, in child order: Succeeded, Failed, Timed out, Aborted, Pending (never started). A child a
 * redrive may not re-run (failuresNotRedrivable) has its letter in lower case: `f`, `t` or `a`.
 */
export const STATE_LETTER: Record<ChildOutcome['status'] | 'PENDING', string> = {
  SUCCEEDED: 'S',
  FAILED: 'F',
  TIMED_OUT: 'T',
  ABORTED: 'A',
  PENDING: 'P',
};

/** The status an upper-case letter stands for (the counts of a child kept from an earlier attempt). */
export const LETTER_STATUS: Record<string, 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'SUCCEEDED'> = {
  S: 'SUCCEEDED',
  F: 'FAILED',
  T: 'TIMED_OUT',
  A: 'ABORTED',
};

export function stateLetter(outcome: ChildOutcome | undefined): string {
  const letter = STATE_LETTER[outcome?.status ?? 'PENDING'];
  return outcome && outcome.status !== 'SUCCEEDED' && outcome.notRedrivable ? letter.toLowerCase() : letter;
}

/** A child a redrive leaves as it was: it succeeded, or it may not be redriven. */
export function keptByRedrive(letter: string | undefined): boolean {
  return letter === 'S' || letter === 'f' || letter === 't' || letter === 'a';
}

/** Failure reports to the Map Run go at most this often. */
export const FAILURE_REPORT_INTERVAL_MS = 1000;

export function childRecordIdentity(config: MapRunConfig, child: ChildSpec) {
  return {
    executionArn: childExecutionArn(
      config.scope,
      config.stateMachineName,
      config.label,
      child.name,
      config.executionType,
    ),
    name: child.name,
    input: child.input,
    stateMachineArn: config.labelledStateMachineArn,
  };
}

/** The scan's page descriptor, as the reader wants it back. */
export function readerPage(page: PartitionPage) {
  return {
    index: page.index,
    firstItem: page.firstItem,
    itemCount: page.itemCount,
    itemBytes: page.itemBytes ?? 0,
    cursor: page.cursor ?? null,
  };
}
