/**
 * A worker that runs every engine workflow and the Task handler activity on one task queue.
 */
import type { NativeConnection } from '@temporalio/worker';
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

export async function createEngineWorker(options: EngineWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({
      handlers: options.handlers,
      storage: options.storage,
      expressTimeLimitMs: options.expressTimeLimitMs,
    }),
    // Stopped executions cancel their running handlers; give them a moment to notice.
    shutdownGraceTime: '5s',
  });
}
