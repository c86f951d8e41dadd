/**
 * A worker that runs every engine workflow and the Task handler activity on one task queue.
 */
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { HandlerRegistry } from '../activities/handler-registry';
import type { ObjectStorage } from '../activities/storage';
import { workflowBundle } from './bundle';

export interface EngineWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  handlers: HandlerRegistry;
  storage?: ObjectStorage;
  expressTimeLimitMs?: number;
}

/**
 * The worker options the engine relies on, beyond the bundle and the activities: spread them into a worker of
 * your own. Stopped executions cancel their running handlers; the grace time gives them a moment to notice.
 */
export function engineWorkerOptions(): Pick<WorkerOptions, 'shutdownGraceTime'> {
  return { shutdownGraceTime: '5s' };
}

export async function createEngineWorker(options: EngineWorkerOptions): Promise<Worker> {
  return Worker.create({
    ...engineWorkerOptions(),
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
