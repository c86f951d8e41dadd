/**
 * Waiting for an execution without polling late. An execution's actor stays open while it can be redriven (FAILED,
 * TIMED_OUT, ABORTED), so its status must be polled; but most executions end SUCCEEDED and their workflow closes,
 * which Temporal tells a long poll of its history at once. waitForExecution sleeps between polls until either comes:
 * before, a redrive that took 0.3 s was seen up to a whole polling interval later.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';

export class ExecutionClosed {
  private readonly stop = new AbortController();
  private closed = false;
  private readonly watch: Promise<void>;

  constructor(client: Client, workflowId: string) {
    // Whatever the outcome (closed, not found, the watch stopped), the next poll describes the execution.
    this.watch = client.connection
      .withAbortSignal(this.stop.signal, () => client.workflow.getHandle(workflowId).result())
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.closed = true;
      });
  }

  /** Waits `ms`, or less if the workflow closes first (once it has, a plain wait). */
  async pause(ms: number): Promise<void> {
    const wait = sleep(ms, undefined, { signal: this.stop.signal }).catch(() => undefined);
    await (this.closed ? wait : Promise.race([wait, this.watch]));
  }

  /** Stops the long poll and any wait. */
  end(): void {
    this.stop.abort();
  }
}
