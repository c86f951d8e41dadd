/**
 * History events into the worker's log writer as §14.3 records: those the execution actor hands over through its
 * sink (worker/execution-log-sinks.ts), and those of Express children, which run here in an activity and write
 * their own (an activity is not replayed, so each event is written once per attempt, as Express runs at least once).
 */
import type { HistoryEvent } from '../../asl/events';
import { isLoggedAt, type ExecutionLogEntry, type ExecutionLogging } from '../../messages/execution-logging';
import { executionLogRecord } from './execution-log-record';
import type { LogDelivery } from './log-delivery';

/** Queues one event the execution actor logged (its level was applied in the workflow). */
export function writeExecutionLogEntry(delivery: LogDelivery, entry: ExecutionLogEntry): void {
  const { logging, executionArn, redriveCount, event } = entry;
  const { includeExecutionData } = logging;
  delivery.add(logging.logGroupArn, executionLogRecord(event, { executionArn, redriveCount, includeExecutionData }));
}

/** The event log listener of an execution run in process (an Express child), or undefined when it logs nothing. */
export function executionLogWriter(
  delivery: LogDelivery | undefined,
  logging: ExecutionLogging | undefined,
  executionArn: string,
  redriveCount = 0,
): ((event: HistoryEvent) => void) | undefined {
  if (!delivery || !logging) return undefined;
  return (event) => {
    if (isLoggedAt(logging.level, event.type)) {
      writeExecutionLogEntry(delivery, { logging, executionArn, redriveCount, event });
    }
  };
}
