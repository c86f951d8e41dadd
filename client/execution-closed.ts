/**
 * Waiting for an execution without polling late. An execution's actor stays open while it can be redriven (FAILED,
 * TIMED_OUT, ABORTED), so its status must be polled; but most executions end SUCCEEDED and their workflow closes,
 * which Temporal tells a long poll of its history at once. waitForExecution sleeps between polls until either comes:
 * before, a redrive that took 0.3 s was seen up to a whole polling interval later.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';

/** temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT, its wire value. */
const CLOSE_EVENT = 2;

export class ExecutionClosed {
  private readonly stop = new AbortController();
  private closed = false;
  private readonly watch: Promise<void>;

  constructor(client: Client, workflowId: string) {
    // Whatever the outcome (closed, not found, the watch stopped), the next poll describes the execution.
    this.watch = this.waitForClose(client, workflowId)
      .catch(() => undefined)
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

  /**
   * Long polls the workflow's history for its close event. Each poll (the server answers empty after about 20 s)
   * has its own abort signal, tied to `stop` only while it runs: the SDK adds a listener to the signal of every
   * call, and one signal for all of them gathered a listener per poll through a long wait.
   */
  private async waitForClose(client: Client, workflowId: string): Promise<void> {
    let nextPageToken: Uint8Array | undefined;
    while (!this.stop.signal.aborted) {
      const call = new AbortController();
      const abort = () => call.abort();
      this.stop.signal.addEventListener('abort', abort, { once: true });
      try {
        const response = await client.connection.withAbortSignal(call.signal, () =>
          client.workflowService.getWorkflowExecutionHistory({
            namespace: client.options.namespace,
            execution: { workflowId },
            waitNewEvent: true,
            historyEventFilterType: CLOSE_EVENT,
            skipArchival: true,
            ...(nextPageToken ? { nextPageToken } : {}),
          }),
        );
        if ((response.history?.events?.length ?? 0) > 0) return;
        nextPageToken = response.nextPageToken?.length ? response.nextPageToken : undefined;
      } finally {
        this.stop.signal.removeEventListener('abort', abort);
      }
    }
  }
}
