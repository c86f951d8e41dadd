import type { HandlerRegistry } from './handler-registry';
import { createInvokeHandler } from './invoke-handler';
import type { LogDelivery } from './logs/log-delivery';
import { createMapRunActivities } from './map-run';
import { loadExecutionRedriveState } from './redrive-state';
import { createStorage, type ObjectStorage } from './storage';
import { ExpressChildRecordWriter } from './express/child-records';

export type { InvokeHandlerInput } from './invoke-handler';

export interface ActivityDependencies {
  handlers: HandlerRegistry;
  /** Where ItemReader and ResultWriter data lives; default from the environment (local folder or S3). */
  storage?: ObjectStorage;
  /** Express children's time limit (5 minutes in Step Functions); lowered only by tests. */
  expressTimeLimitMs?: number;
  /**
   * The worker's execution log writer, which Express children write their logs to (createEngineWorker makes one);
   * none: Express children write no logs.
   */
  executionLogs?: LogDelivery;
  /**
   * The worker's writer of Express children's records (createEngineWorker makes one and writes what is queued when
   * the worker stops); default: one of its own over `storage`.
   */
  expressChildRecords?: ExpressChildRecordWriter;
}

/** The activities a worker registers; workflows import only this type. */
export function createActivities(deps: ActivityDependencies) {
  const storage = deps.storage ?? createStorage();
  return {
    invokeHandler: createInvokeHandler(deps.handlers),
    loadExecutionRedriveState,
    ...createMapRunActivities(
      storage,
      deps.handlers,
      deps.expressTimeLimitMs,
      deps.executionLogs,
      deps.expressChildRecords ?? new ExpressChildRecordWriter(storage),
    ),
  };
}

export type EngineActivities = ReturnType<typeof createActivities>;
