/**
 * The execution log (sfn-spec §14) from inside the execution actor: each event its level selects goes to the
 * worker through a Temporal sink. A sink call adds no command and no history event; the worker runs it after the
 * activation and not when it replays history, so an event is logged once, when it first happens (a workflow task
 * that fails and is retried may log its events again: delivery is best effort, as in Step Functions).
 */
import { proxySinks } from '@temporalio/workflow';
import type { HistoryEvent } from '../asl/events';
import { isLoggedAt, type ExecutionLogging, type ExecutionLogSinks } from '../messages/execution-logging';

const { executionLog } = proxySinks<ExecutionLogSinks>();

/**
 * What the event log calls with each new event, or undefined for an execution that logs nothing (so executions
 * without logging, and every execution started before logging was written, run exactly as before).
 */
export function executionLogListener(
  logging: ExecutionLogging | undefined,
  executionArn: string,
  redriveCount: () => number,
): ((event: HistoryEvent) => void) | undefined {
  if (!logging) return undefined;
  return (event) => {
    if (isLoggedAt(logging.level, event.type)) {
      executionLog.write({ logging, executionArn, redriveCount: redriveCount(), event });
    }
  };
}
