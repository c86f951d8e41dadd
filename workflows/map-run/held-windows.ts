/**
 * Windows for partitions that hand back the slots of their ended children (hand-back.ts): MaxConcurrency C bounds
 * the children running at once, so slots are given only from what no partition may still be using.
 *
 * A partition may be running at most `held` children: no more than it has left to finish (its `demand`, lowered by
 * each hand-back) and no more than the largest window it was ever given (`ceiling`: a lowered window lets running
 * children finish). A partition starts, or a window grows, only into C minus what all partitions hold; a window
 * may shrink at once (the partition starts no more until its running children are below it). Without this, sharing C
 * anew at each start or finish gave newcomers slots that partitions with a shrunk window were still using.
 */
import { MAX_PARTITIONS_AT_ONCE, effectiveConcurrency, shareByDemand, useful } from './windows';

export interface HeldWindow {
  window: number;
  /** The largest window the partition was ever given. */
  ceiling: number;
  /** Children it has left to finish in this attempt (as it last reported). */
  demand: number;
}

/** The most children the partition may be running now. */
export function held(partition: HeldWindow): number {
  return Math.min(partition.ceiling, useful(partition.demand));
}

/** Slots no running partition may be using: what a starting partition or a growing window can take. */
export function freeSlots(maxConcurrency: number, running: HeldWindow[]): number {
  const holding = running.reduce((sum, partition) => sum + held(partition), 0);
  return Math.max(0, effectiveConcurrency(maxConcurrency) - holding);
}

/** Whether another partition may start next to those running: some slot is free. */
export function roomToStart(maxConcurrency: number, running: HeldWindow[]): boolean {
  return running.length < MAX_PARTITIONS_AT_ONCE && (running.length === 0 || freeSlots(maxConcurrency, running) > 0);
}

/** The window a partition of `demand` starts with: what it can use, within the free slots. */
export function startingWindow(maxConcurrency: number, running: HeldWindow[], demand: number): number {
  return Math.min(useful(demand), freeSlots(maxConcurrency, running));
}

/**
 * New windows for the running partitions (in start order): each heads for its share by demand (windows.ts), shrinking
 * at once, growing only into the free slots, earlier partitions first.
 */
export function heldWindows(maxConcurrency: number, running: HeldWindow[]): number[] {
  const targets = shareByDemand(
    maxConcurrency,
    running.map(({ demand }) => demand),
  );
  let free = freeSlots(maxConcurrency, running);
  return running.map((partition, i) => {
    const target = targets[i]!;
    const holding = held(partition);
    if (target <= holding) return target;
    const grow = Math.min(target - holding, free);
    free -= grow;
    return holding + grow;
  });
}
