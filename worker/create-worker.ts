/**
 * A worker that runs every engine workflow and the Task handler activity on one task queue.
 */
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { HandlerRegistry } from '../activities/handler-registry';
import type { ObjectStorage } from '../activities/storage';
import { workflowBundle } from './bundle';
import { engineWorkerOptions, type WorkerTuning } from './tuning';

export interface EngineWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  handlers: HandlerRegistry;
  storage?: ObjectStorage;
  expressTimeLimitMs?: number;
  /** Slots, cache and shutdown grace; see WORKER_DEFAULTS. */
  tuning?: WorkerTuning;
  /** How the server and the logs name this worker; default: the SDK's `pid@host`. */
  identity?: string;
}

export async function createEngineWorker(options: EngineWorkerOptions): Promise<Worker> {
  return Worker.create({
    ...engineWorkerOptions(options.tuning),
    ...(options.identity ? { identity: options.identity } : {}),
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({
      handlers: options.handlers,
      storage: options.storage,
      expressTimeLimitMs: options.expressTimeLimitMs,
    }),
  });
}
