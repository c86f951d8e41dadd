/**
 * An execution's logging (sfn-spec §14): the state machine's loggingConfiguration as the execution pins it at
 * StartExecution, the events each level logs, and the sink through which the execution actor hands its events to
 * the worker (workflows/execution-logging.ts, worker/execution-log-sinks.ts). Node-free: workflows, activities and
 * the SDK share it.
 */
import type { Sinks } from '@temporalio/workflow';
import type { HistoryEvent } from '../asl/events';
import type { LoggingConfiguration, LogLevel } from './logging';

/** What an execution that logs carries: a level other than OFF and its one log group. */
export interface ExecutionLogging {
  level: Exclude<LogLevel, 'OFF'>;
  includeExecutionData: boolean;
  /** `arn:aws:logs:<region>:<account>:log-group:<name>:*`. */
  logGroupArn: string;
}

/** The configuration an execution started now pins, or undefined when it logs nothing (OFF, or no destination). */
export function executionLoggingOf(config: LoggingConfiguration | undefined): ExecutionLogging | undefined {
  const logGroupArn = config?.destinations?.[0]?.cloudWatchLogsLogGroup.logGroupArn;
  if (!config || config.level === 'OFF' || !logGroupArn) return undefined;
  return { level: config.level, includeExecutionData: config.includeExecutionData, logGroupArn };
}

/** FATAL: the execution's own end without success (sfn-spec §14.4). */
const FATAL_EVENTS: ReadonlySet<string> = new Set(['ExecutionAborted', 'ExecutionFailed', 'ExecutionTimedOut']);

/** ERROR: FATAL's, and the failure events of states, tasks, Lambda functions, Maps and Map Runs (sfn-spec §14.4). */
const ERROR_EVENTS: ReadonlySet<string> = new Set([
  ...FATAL_EVENTS,
  'FailStateEntered',
  'LambdaFunctionFailed',
  'LambdaFunctionScheduleFailed',
  'LambdaFunctionStartFailed',
  'LambdaFunctionTimedOut',
  'MapStateAborted',
  'MapStateFailed',
  'MapIterationAborted',
  'MapIterationFailed',
  'MapRunAborted',
  'MapRunFailed',
  'ParallelStateAborted',
  'ParallelStateFailed',
  'TaskFailed',
  'TaskStartFailed',
  'TaskStateAborted',
  'TaskSubmitFailed',
  'TaskTimedOut',
  'WaitStateAborted',
]);

/** Whether an execution logging at `level` writes an event of this type (ALL: every event). */
export function isLoggedAt(level: LogLevel, eventType: string): boolean {
  if (level === 'ALL') return true;
  if (level === 'ERROR') return ERROR_EVENTS.has(eventType);
  if (level === 'FATAL') return FATAL_EVENTS.has(eventType);
  return false;
}

/** One event for the execution log, as the execution actor hands it over. */
export interface ExecutionLogEntry {
  logging: ExecutionLogging;
  executionArn: string;
  /** The execution's redrive count when the event happened. */
  redriveCount: number;
  event: HistoryEvent;
}

/**
 * The sink the worker injects (worker/execution-log-sinks.ts). Its calls are made after the workflow activation,
 * outside the workflow's history, and not again when the worker replays that history.
 */
export interface ExecutionLogSinks extends Sinks {
  executionLog: { write(entry: ExecutionLogEntry): void };
}
