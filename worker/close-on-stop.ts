/** A worker plugin that runs `close` once the worker has stopped (its last activations and activities included). */
import type { Worker, WorkerPlugin } from '@temporalio/worker';

export function closeOnStop(name: string, close: () => Promise<void>): WorkerPlugin {
  return {
    name,
    async runWorker(worker: Worker, next: (w: Worker) => Promise<void>) {
      try {
        await next(worker);
      } finally {
        await close();
      }
    },
  };
}
