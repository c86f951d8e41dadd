/**
 * Runs a partition's children in index order, at most `window()` at once, with no promise per waiting child: a
 * child starts when a running one ends (or the window grows), from one loop that wakes at most once per workflow
 * activation, however many children ended in it. The window can change while children run (UpdateMapRun): a
 * smaller one lets running children finish and starts no more until the running count is below it.
 */
import { condition } from '@temporalio/workflow';

export interface LaneLimits {
  /** How many children may run at once now. */
  window(): number;
  /** True once no child may start any more (an abort); running ones end on their own or as they are cancelled. */
  stopped(): boolean;
}

export class ChildLanes {
  private running = 0;
  private next = 0;
  private resolveIdle: (() => void) | undefined;

  constructor(
    private readonly count: number,
    private readonly limits: LaneLimits,
    /** Children that need no run (a redrive's earlier successes): passed over, taking no slot. */
    private readonly skip: (index: number) => boolean,
    /** Starts child `index`; calls `settled` once, when the child has ended. */
    private readonly launch: (index: number, settled: () => void) => void,
    /** Waits until the predicate holds; the workflow's `condition` (tests pass their own). */
    private readonly waitUntil: (predicate: () => boolean) => Promise<unknown> = condition,
  ) {}

  /** Nothing runs and nothing is left to start: every child ended, or the lanes were stopped and have drained. */
  get idle(): boolean {
    return this.running === 0 && (this.limits.stopped() || this.next >= this.count);
  }

  /** Starts children as slots free up; resolves once none is left to start. Run it in the children's scope. */
  async startAll(): Promise<void> {
    for (;;) {
      this.fill();
      if (this.limits.stopped() || this.next >= this.count) return;
      await this.waitUntil(() => this.limits.stopped() || this.running < this.limits.window());
    }
  }

  /**
   * Resolves once the lanes are idle, with one promise and no condition: a condition is checked again at every
   * activation, and a Map Run running many partitions inside it (local-partitions.ts) would check one per partition.
   * Call `recheck` when `stopped()` turns true.
   */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.resolveIdle = resolve;
      this.recheck();
    });
  }

  /** Resolves `whenIdle` if the lanes are idle now. */
  recheck(): void {
    const resolve = this.resolveIdle;
    if (!resolve || !this.idle) return;
    this.resolveIdle = undefined;
    resolve();
  }

  private fill(): void {
    for (;;) {
      while (this.next < this.count && this.skip(this.next)) this.next++;
      if (this.limits.stopped() || this.next >= this.count || this.running >= this.limits.window()) return;
      const index = this.next++;
      this.running++;
      let settled = false;
      this.launch(index, () => {
        if (settled) return;
        settled = true;
        this.running--;
        this.recheck();
      });
    }
  }
}
