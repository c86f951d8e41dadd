/**
 * Splitting MaxConcurrency over partitions. Each partition runs at most CHILDREN_PER_PARTITION children at once,
 * and at most as many as it has to run (its demand): all of a first attempt's children, only the unsuccessful ones
 * on a redrive. Partitions start while the running ones cannot use all of MaxConcurrency C, so a redrive whose
 * failures are spread thinly over many partitions still runs up to C children at once (sfn-spec §3.6), and its cost
 * follows the failures, not the items. The running ones share C in start order; a partition may get 0 for a while
 * after UpdateMapRun lowers C, and gets a share again when another finishes.
 */
import { CHILDREN_PER_PARTITION, MAX_PARALLEL_CHILDREN } from './config';

/** Partitions running at once at most: well under Temporal's 2,000 pending children of one workflow. */
export const MAX_PARTITIONS_AT_ONCE = 1000;

export function effectiveConcurrency(maxConcurrency: number): number {
  return maxConcurrency === 0 ? MAX_PARALLEL_CHILDREN : Math.min(maxConcurrency, MAX_PARALLEL_CHILDREN);
}

/** The most children a partition can use at once: its demand, within the partition's own bound. */
export function useful(demand: number): number {
  return Math.min(CHILDREN_PER_PARTITION, Math.max(demand, 1));
}

/**
 * Whether another partition may start next to those running (their demands, in start order): they cannot use all
 * of MaxConcurrency between them.
 */
export function roomForAnother(maxConcurrency: number, running: number[]): boolean {
  if (running.length >= MAX_PARTITIONS_AT_ONCE) return false;
  const used = running.reduce((sum, demand) => sum + useful(demand), 0);
  return running.length === 0 || used < effectiveConcurrency(maxConcurrency);
}

/**
 * Windows for running partitions (their demands, in start order) that together never exceed the concurrency: the
 * partitions that want least are served first, and what they leave goes to the others, earlier ones first.
 */
export function shareByDemand(maxConcurrency: number, demands: number[]): number[] {
  let left = effectiveConcurrency(maxConcurrency);
  const windows = new Array<number>(demands.length).fill(0);
  const order = demands.map((_, i) => i).sort((a, b) => useful(demands[a]!) - useful(demands[b]!) || a - b);
  order.forEach((i, served) => {
    const share = Math.ceil(left / (order.length - served));
    windows[i] = Math.min(useful(demands[i]!), share);
    left -= windows[i]!;
  });
  return windows;
}

/** Map Runs begun before partitions had demands: ceil(C / 250) partitions at once. */
export function partitionsAtOnce(maxConcurrency: number): number {
  return Math.max(1, Math.ceil(effectiveConcurrency(maxConcurrency) / CHILDREN_PER_PARTITION));
}

/** Map Runs begun before partitions had demands: the running ones share C evenly, earlier ones get the remainder. */
export function shareWindows(maxConcurrency: number, running: number): number[] {
  const total = effectiveConcurrency(maxConcurrency);
  const base = Math.floor(total / Math.max(running, 1));
  const extra = total % Math.max(running, 1);
  return Array.from({ length: running }, (_, i) => Math.min(CHILDREN_PER_PARTITION, base + (i < extra ? 1 : 0)));
}
