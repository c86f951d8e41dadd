/**
 * Windows for partitions that hand back the slots of their ended children (hand-back.ts): MaxConcurrency C bounds
 * the children running at once, so slots are given only from what no partition may still be using.
 *
 * A partition may be running at most `held` children: no more than it has left to finish (its `demand`, lowered by
 * each hand-back) and no more than the largest window it was ever given (`ceiling`: a lowered window lets running
 * children finish). A partition starts, or a window grows, only into C minus what all partitions hold. Before,
 * sharing C anew at each start or finish gave newcomers slots that partitions with a shrunk window were still using
 * (MaxConcurrency 300 over two partitions of 250 ran 400 children at once).
 */
import { MAX_PARTITIONS_AT_ONCE, effectiveConcurrency, useful } from './windows';

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
 * New windows for the running partitions (in start order). Free slots go first to the earliest partitions that have
 * children left to start (their items come first); a window is not cut for the sake of an even share, since a
 * partition that started all its children gains nothing from it and would cost a signal. Only when MaxConcurrency
 * was lowered below what the partitions may use are windows cut, the latest partitions' first (a cut partition
 * starts no more children until its running ones are below its window).
 */
export function heldWindows(maxConcurrency: number, running: HeldWindow[]): number[] {
  const c = effectiveConcurrency(maxConcurrency);
  let free = freeSlots(maxConcurrency, running);
  const windows = running.map((partition) => {
    const holding = held(partition);
    const wanted = useful(partition.demand);
    if (partition.window >= wanted || holding + free <= partition.window) return partition.window;
    const window = Math.min(wanted, holding + free);
    free -= Math.max(0, window - holding);
    return window;
  });
  let excess = windows.reduce((sum, window, i) => sum + Math.min(window, useful(running[i]!.demand)), 0) - c;
  for (let i = windows.length - 1; i >= 0 && excess > 0; i--) {
    const usable = Math.min(windows[i]!, useful(running[i]!.demand));
    const cut = Math.min(excess, usable);
    windows[i] = usable - cut;
    excess -= cut;
  }
  return windows;
}
