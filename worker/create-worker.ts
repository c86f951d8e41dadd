/**
 * A worker that runs every engine workflow and the Task handler activity on one task queue, and writes the
 * execution logs of the executions it runs (one log store and one batching writer per worker).
 */
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { HandlerRegistry } from '../activities/handler-registry';
import { openLogStore } from '../activities/logs';
import type { LogStore } from '../activities/logs/log-store';
import { ExpressChildRecordWriter } from '../activities/express/child-records';
import { createStorage, type ObjectStorage } from '../activities/storage';
import { closeOnStop } from './close-on-stop';
import { workflowBundle } from './bundle';
import { engineExecutionLogs } from './execution-log-sinks';
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
  /**
   * Where execution logs go; default from the environment (`$TSF_DATA_DIR/logs`, or TSF_LOGS_ENDPOINT), its log
   * streams named after the worker's identity.
   */
  logStore?: LogStore;
}

export async function createEngineWorker(options: EngineWorkerOptions): Promise<Worker> {
  const logStore =
    options.logStore ?? openLogStore(process.env, options.identity ? { workerId: options.identity } : {});
  const logs = engineExecutionLogs(logStore);
  const storage = options.storage ?? createStorage();
  const expressChildRecords = new ExpressChildRecordWriter(storage);
  return Worker.create({
    ...engineWorkerOptions(options.tuning),
    ...(options.identity ? { identity: options.identity } : {}),
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle(),
    sinks: logs.sinks,
    plugins: [...logs.plugins, closeOnStop('tsf-express-child-records', () => expressChildRecords.close())],
    activities: createActivities({
      handlers: options.handlers,
      storage,
      expressTimeLimitMs: options.expressTimeLimitMs,
      executionLogs: logs.delivery,
      expressChildRecords,
    }),
  });
}
