/**
 * A FIFO counting semaphore that is safe in workflow code: each waiter gets its own resolver, so a released
 * permit wakes exactly one waiter, in arrival order (temporal-notes §2.1: never N waiters on one condition()).
 */
export class Semaphore {
  private readonly waiters: Array<() => void> = [];

  constructor(private permits: number) {}

  async acquire(): Promise<void> {
    if (this.permits > 0) {
      this.permits--;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    // After a shrink the permit count is negative: a returned permit pays that debt before anyone waiting runs.
    if (this.permits < 0) {
      this.permits++;
      return;
    }
    const next = this.waiters.shift();
    if (next) next();
    else this.permits++;
  }

  /** Changes the number of permits of a live semaphore (UpdateMapRun's new MaxConcurrency). */
  resize(delta: number): void {
    if (delta >= 0) for (let i = 0; i < delta; i++) this.release();
    else this.permits += delta;
  }

  /** Permits free right now (negative while running work exceeds a shrunk limit). */
  get available(): number {
    return this.permits;
  }

  async withPermit<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}
