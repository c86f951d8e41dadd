/**
 * The runner's rule for sharing MaxConcurrency among its running partitions, by the patches its Map Run began
 * under: ceil(C / 250) partitions with even windows (oldest), windows by demand (PARTITION_STARTS_PATCH), and windows
 * that follow the slots partitions hand back (HAND_BACK_PATCH, held-windows.ts).
 */
import { heldWindows, roomToStart, startingWindow, type HeldWindow } from './held-windows';
import type { RunningPartition } from './running-partition';
import { effectiveConcurrency, partitionsAtOnce, roomForAnother, shareByDemand, shareWindows, useful } from './windows';

export class PartitionWindows {
  /** PARTITION_STARTS_PATCH: partitions start together, their windows following their demands. */
  byDemand = false;
  /** HAND_BACK_PATCH: windows grow only into slots no partition may be using; demands fall as children end. */
  handsBack = false;

  constructor(private readonly maxConcurrency: () => number) {}

  /** Whether another partition may start next to those running (in start order). */
  hasRoom(running: RunningPartition[]): boolean {
    const c = this.maxConcurrency();
    if (this.handsBack) return roomToStart(c, running.map(holding));
    if (!this.byDemand) return running.length < partitionsAtOnce(c);
    return roomForAnother(
      c,
      running.map(({ demand }) => demand),
    );
  }

  /** A partition of `demand` starting next to those running: its window (and under HAND_BACK_PATCH its ceiling). */
  admit(running: RunningPartition[], demand: number): RunningPartition {
    const window = this.startingWindow(running, demand);
    return this.handsBack ? { window, demand, ceiling: window } : { window, demand };
  }

  /** The window a partition of `demand` starts with, next to those running. */
  startingWindow(running: RunningPartition[], demand: number): number {
    if (this.handsBack) return startingWindow(this.maxConcurrency(), running.map(holding), demand);
    return this.windows([...running, { window: 0, demand }]).at(-1) ?? 1;
  }

  /** Windows for the running partitions, in start order. */
  windows(running: Array<Pick<RunningPartition, 'window' | 'demand' | 'ceiling'>>): number[] {
    const c = this.maxConcurrency();
    if (this.handsBack) return heldWindows(c, running.map(holding));
    if (!this.byDemand) return shareWindows(c, running.length);
    return shareByDemand(
      c,
      running.map(({ demand }) => demand),
    );
  }

  /**
   * Whether a partition must hear of its new window. Under HAND_BACK_PATCH not when the limit it works under stays
   * the same (a window lowered to what it has left to finish changes nothing for it): no signal per hand-back.
   */
  mustTell(partition: RunningPartition, window: number): boolean {
    if (window === partition.window) return false;
    if (!this.handsBack) return true;
    return Math.min(window, useful(partition.demand)) !== Math.min(partition.window, useful(partition.demand));
  }

  /** Whether the Map Run's partitions to run cannot all run at once: then they hand back their slots. */
  wantsHandBack(demands: number[]): boolean {
    const wanted = demands.reduce((sum, demand) => sum + useful(demand), 0);
    return this.handsBack && wanted > effectiveConcurrency(this.maxConcurrency());
  }
}

function holding({ window, demand, ceiling }: Pick<RunningPartition, 'window' | 'demand' | 'ceiling'>): HeldWindow {
  return { window, demand, ceiling: ceiling ?? window };
}
