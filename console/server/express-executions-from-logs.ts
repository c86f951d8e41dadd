/**
 * The console's view of Express executions, read from execution logs as Step Functions' console reads them: a
 * state machine's Express executions in a time range (default the last 3 hours), grouped from the records of its
 * log group by execution ARN, and one execution's details from its own records.
 */
import { ValidationException, type StepFunctions } from '../../client';
import type {
  ExpressExecutionDetailsFromLogs,
  ExpressExecutionsFromLogs,
} from '../../messages/express-executions-from-logs';
import { expressExecutionDetailsOf, expressExecutionsOf } from './express-log-summary';
import { expressLoggingOf, loggingMachineOf } from './express-logging';
import { readExecutionLogRecords } from './execution-log-records';

export const DEFAULT_RANGE_MS = 3 * 60 * 60 * 1000;
/** Records read for one list or one execution at most (an execution's history holds at most 25,000 events). */
const MAX_RECORDS = 50_000;

export interface TimeRange {
  /** Epoch milliseconds; default `endTime` minus 3 hours. */
  startTime?: number;
  /** Epoch milliseconds; default now. */
  endTime?: number;
}

export async function listExpressExecutions(
  sfn: StepFunctions,
  stateMachineArn: string,
  range: TimeRange,
): Promise<ExpressExecutionsFromLogs> {
  const endTime = range.endTime ?? Date.now();
  const startTime = range.startTime ?? endTime - DEFAULT_RANGE_MS;
  if (startTime > endTime) throw new ValidationException('startTime must not be after endTime');
  const logging = await expressLoggingOf(sfn, stateMachineArn);
  const answer = { ...logging, startTime: new Date(startTime), endTime: new Date(endTime) };
  if (logging.logGroupName === undefined) return { ...answer, executions: [], truncated: false };
  // This machine's own executions: `express:<machine>:...`, not its Map Runs' children (`express:<machine>/...`).
  const prefix = `${stateMachineArn.replace(':stateMachine:', ':express:')}:`;
  const { records, truncated } = await readExecutionLogRecords(sfn, {
    logGroupName: logging.logGroupName,
    filterPattern: `{ $.execution_arn = "${prefix}*" }`,
    startTime,
    endTime,
    limit: MAX_RECORDS,
  });
  const own = records.filter((record) => record.execution_arn.startsWith(prefix));
  return { ...answer, executions: expressExecutionsOf(own), truncated };
}

export async function describeExpressExecution(
  sfn: StepFunctions,
  executionArn: string,
): Promise<ExpressExecutionDetailsFromLogs> {
  const logging = await expressLoggingOf(sfn, loggingMachineOf(executionArn));
  if (logging.logGroupName === undefined) return { ...logging, events: [] };
  const { records } = await readExecutionLogRecords(sfn, {
    logGroupName: logging.logGroupName,
    filterPattern: `{ $.execution_arn = "${executionArn}" }`,
    limit: MAX_RECORDS,
  });
  return { ...logging, ...expressExecutionDetailsOf(executionArn, records) };
}
