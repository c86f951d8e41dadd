/**
 * Splitting MaxConcurrency over partitions: at most CHILDREN_PER_PARTITION children per partition, so
 * ceil(C / 250) partitions run at once, and the running ones share C (earlier ones get the remainder). A
 * partition may get 0 for a while after UpdateMapRun lowers C; it gets a share again when another finishes.
 */
import { CHILDREN_PER_PARTITION, MAX_PARALLEL_CHILDREN } from './config';

export function effectiveConcurrency(maxConcurrency: number): number {
  return maxConcurrency === 0 ? MAX_PARALLEL_CHILDREN : Math.min(maxConcurrency, MAX_PARALLEL_CHILDREN);
}

export function partitionsAtOnce(maxConcurrency: number): number {
  return Math.max(1, Math.ceil(effectiveConcurrency(maxConcurrency) / CHILDREN_PER_PARTITION));
}

/** Windows for `running` partitions (in start order) that together never exceed the concurrency. */
export function shareWindows(maxConcurrency: number, running: number): number[] {
  const total = effectiveConcurrency(maxConcurrency);
  const base = Math.floor(total / Math.max(running, 1));
  const extra = total % Math.max(running, 1);
  return Array.from({ length: running }, (_, i) => Math.min(CHILDREN_PER_PARTITION, base + (i < extra ? 1 : 0)));
}
