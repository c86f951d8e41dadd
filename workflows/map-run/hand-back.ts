/**
 * A partition hands back the slots of its ended children, so that a waiting partition can use them before the whole
 * partition has finished.
 *
 * Why: a partition's children end one by one, but the Map Run counted a running partition as using its whole demand
 * until it finished. With more children to run than MaxConcurrency, the freed slots waited for the partition's
 * slowest child: the documented example (6,000 children, MaxConcurrency 3,000, handlers of 2 s) had 1,670 running
 * and 3,000 waiting for 2.5 s (bench/RESULTS.md). A partition now tells its Map Run how many children it has left
 * to finish as they end: a partition workflow by signal, at most HAND_BACKS_PER_PARTITION - 1 times (each is an
 * event in the Map Run's history, which never continues as new), a partition inside its Map Run by a plain call at
 * every end. The Map Run asks for it only when its partitions cannot all run at once.
 */

/** Map Runs begun before this patch counted a running partition's whole demand until it finished. */
export const HAND_BACK_PATCH = 'map-run-partitions-hand-back';

/** A partition workflow hands back each time this fraction of its children has ended (not the last time: its end). */
export const HAND_BACKS_PER_PARTITION = 4;

export class SlotHandBack {
  private unfinished: number;
  private lastSent: number;
  private readonly step: number;

  constructor(
    demand: number,
    /** Children to end between two hand-backs. */
    every: (demand: number) => number,
    /** Tells the Map Run; absent when the Map Run did not ask. */
    private readonly send: ((unfinished: number) => void) | undefined,
  ) {
    this.unfinished = demand;
    this.lastSent = demand;
    this.step = Math.max(1, every(demand));
  }

  /** After a child ended. The partition's end tells the Map Run the rest. */
  ended(): void {
    this.unfinished--;
    if (!this.send || this.unfinished <= 0 || this.lastSent - this.unfinished < this.step) return;
    this.lastSent = this.unfinished;
    this.send(this.unfinished);
  }
}

/** A partition workflow's step: a quarter of its children. */
export function workflowHandBackStep(demand: number): number {
  return Math.ceil(demand / HAND_BACKS_PER_PARTITION);
}
