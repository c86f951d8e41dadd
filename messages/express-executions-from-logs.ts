/**
 * Express executions as the console reads them from their execution logs (sfn-spec §14): Step Functions keeps no
 * list or history of them, so their list, status, input, output and events come from the log records their state
 * machine's loggingConfiguration had written. Node-free types: console/server answers them, console/web shows them.
 */
import type { LoggingConfiguration } from './logging';
import type { ExecutionStatus, HistoryEvent } from './responses';

/** Where a state machine's Express executions log, or why they cannot be read (logging OFF, no destination). */
export interface ExpressLogging {
  loggingConfiguration: LoggingConfiguration;
  /** The log group of its destination; absent when logging is OFF or names no destination. */
  logGroupName?: string;
}

/** One Express execution, summed up from its log records. */
export interface ExpressExecutionFromLogs {
  executionArn: string;
  /** The machine the execution ran; for a Map Run child, `stateMachine:<machine>/<label>`. */
  stateMachineArn: string;
  /** A Map Run child's Map Run. */
  mapRunArn?: string;
  name: string;
  /** From its last record: ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut, ExecutionAborted; else RUNNING. */
  status: Exclude<ExecutionStatus, 'PENDING_REDRIVE'>;
  /** Its first record's time (ExecutionStarted's when that was logged). */
  startDate: Date;
  /** Its closing record's time, when it closed. */
  stopDate?: Date;
}

/** A state machine's Express executions with records between `startTime` and `endTime`, newest first. */
export interface ExpressExecutionsFromLogs extends ExpressLogging {
  startTime: Date;
  endTime: Date;
  executions: ExpressExecutionFromLogs[];
  /** More records than the console reads at once: the oldest executions of the range may be missing. */
  truncated: boolean;
}

/** One Express execution's details, read from its log records. */
export interface ExpressExecutionDetailsFromLogs extends ExpressLogging {
  /** Undefined when no record of it was found in the log group. */
  execution?: ExpressExecutionFromLogs & {
    /** Present when logged: the level was ALL and includeExecutionData true. */
    input?: string;
    output?: string;
    error?: string;
    cause?: string;
  };
  /** Its records as history events (GetExecutionHistory's shape), oldest first. */
  events: HistoryEvent[];
}
