/**
 * Reading execution log records (activities/logs/execution-log-record.ts) back from a log group through the SDK's
 * Logs, every page up to a limit, each message parsed; a record that is not one is skipped, a missing log group
 * has none.
 */
import type { ExecutionLogMessage } from '../../activities/logs';
import type { StepFunctions } from '../../client';

export interface LogRecordQuery {
  logGroupName: string;
  filterPattern: string;
  startTime?: number;
  endTime?: number;
  /** Stop after this many records. */
  limit: number;
}

export interface ReadLogRecords {
  records: ExecutionLogMessage[];
  /** The limit was reached before the last page. */
  truncated: boolean;
}

export async function readExecutionLogRecords(sfn: StepFunctions, query: LogRecordQuery): Promise<ReadLogRecords> {
  const records: ExecutionLogMessage[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.logs
      .filterLogEvents({
        logGroupName: query.logGroupName,
        filterPattern: query.filterPattern,
        ...(query.startTime !== undefined ? { startTime: query.startTime } : {}),
        ...(query.endTime !== undefined ? { endTime: query.endTime } : {}),
        limit: Math.min(10_000, query.limit - records.length),
        ...(nextToken ? { nextToken } : {}),
      })
      .catch((error: unknown) => {
        if ((error as Error).name === 'ResourceNotFoundException') return { events: [], nextToken: undefined };
        throw error;
      });
    for (const event of page.events) {
      const record = parsed(event.message);
      if (record) records.push(record);
    }
    nextToken = page.nextToken;
  } while (nextToken && records.length < query.limit);
  return { records, truncated: nextToken !== undefined };
}

function parsed(message: string): ExecutionLogMessage | undefined {
  try {
    const value = JSON.parse(message) as Partial<ExecutionLogMessage> | null;
    if (typeof value?.execution_arn !== 'string' || typeof value.type !== 'string') return undefined;
    return { ...value, details: value.details ?? {} } as ExecutionLogMessage;
  } catch {
    return undefined;
  }
}
