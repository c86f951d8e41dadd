/**
 * The worker's half of execution logging (sfn-spec §14): the sink the execution actor writes its events to
 * (workflows/execution-logging.ts), and a worker plugin that writes what is still queued when the worker stops.
 * The sink only turns the event into its record and queues it: it runs after each workflow activation and must
 * stay cheap. Not called when the worker replays history, so no event is logged twice by a replay.
 */
import type { InjectedSinks, WorkerPlugin } from '@temporalio/worker';
import { LogDelivery, type LogDeliveryOptions } from '../activities/logs/log-delivery';
import type { LogStore } from '../activities/logs/log-store';
import { writeExecutionLogEntry } from '../activities/logs/execution-logs';
import type { ExecutionLogSinks } from '../messages/execution-logging';
import { closeOnStop } from './close-on-stop';

export function executionLogSinks(delivery: LogDelivery): InjectedSinks<ExecutionLogSinks> {
  return {
    executionLog: {
      write: { fn: (_info, entry) => writeExecutionLogEntry(delivery, entry), callDuringReplay: false },
    },
  };
}

/** Writes the queued records once the worker has stopped (its last activations and activities included). */
export function flushExecutionLogsOnStop(delivery: LogDelivery): WorkerPlugin {
  return closeOnStop('tsf-execution-logs', () => delivery.close());
}

export interface EngineExecutionLogs {
  /** The writer: `createActivities({ ..., executionLogs: delivery })` (Express children write to it). */
  delivery: LogDelivery;
  /** For Worker.create: the executions' sink and the flush when the worker stops. */
  sinks: InjectedSinks<ExecutionLogSinks>;
  plugins: WorkerPlugin[];
}

/** What a worker of your own needs to write execution logs to `store` (createEngineWorker does this itself). */
export function engineExecutionLogs(store: LogStore, options: LogDeliveryOptions = {}): EngineExecutionLogs {
  const delivery = new LogDelivery(store, options);
  return { delivery, sinks: executionLogSinks(delivery), plugins: [flushExecutionLogsOnStop(delivery)] };
}
