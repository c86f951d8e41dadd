/**
 * An Express execution summed up from its log records (pure): its status from the last closing record
 * (ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut, ExecutionAborted; none: RUNNING), its dates from the
 * records' timestamps, its input, output, error and cause from their details, and its records as history events.
 */
import { expressChildOfArn, labelledStateMachineArn, parseArn, stateMachineArn } from '../../asl/arn';
import { detailsMember } from '../../asl/events';
import type { ExecutionLogMessage } from '../../activities/logs';
import type {
  ExpressExecutionDetailsFromLogs,
  ExpressExecutionFromLogs,
} from '../../messages/express-executions-from-logs';
import type { HistoryEvent } from '../../messages/responses';

const CLOSING: Record<string, ExpressExecutionFromLogs['status']> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

const timeOf = (record: ExecutionLogMessage) => Number(record.event_timestamp);

function lastOf(records: readonly ExecutionLogMessage[], wanted: (record: ExecutionLogMessage) => boolean) {
  for (let i = records.length - 1; i >= 0; i--) if (wanted(records[i]!)) return records[i];
  return undefined;
}

/**
 * The execution's latest run, oldest record first. A run begins with ExecutionStarted, and a child a Map Run redrive
 * ran again (under the same ARN) or an attempt Express ran again (at least once) begins anew with its own: only the
 * last is what the execution is now, as DescribeExecution says. A record written twice is kept once.
 */
function inOrder(records: readonly ExecutionLogMessage[]): ExecutionLogMessage[] {
  const seen = new Set<string>();
  const sorted = [...records].sort((a, b) => timeOf(a) - timeOf(b) || Number(a.id) - Number(b.id));
  let lastStart = 0;
  sorted.forEach((record, i) => {
    if (record.type === 'ExecutionStarted') lastStart = i;
  });
  return sorted.slice(lastStart).filter((record) => {
    const key = `${record.redrive_count}:${record.id}:${record.type}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `express:<machine>:<name>:<id>`, or a Map Run child's `express:<machine>/<label>:<name>:<id>`. */
function identityOf(executionArn: string): Pick<ExpressExecutionFromLogs, 'name' | 'stateMachineArn' | 'mapRunArn'> {
  const arn = parseArn(executionArn);
  if (arn?.kind !== 'express') return { name: executionArn.split(':').at(-2) ?? executionArn, stateMachineArn: '' };
  // A Map Run child's ARN names its Map Run (asl/arn.ts): the details link back to it.
  const mapRunArn = expressChildOfArn(executionArn)?.mapRunArn;
  return {
    name: arn.name.split(':')[0]!,
    stateMachineArn:
      arn.label === undefined
        ? stateMachineArn(arn, arn.stateMachineName)
        : labelledStateMachineArn(arn, arn.stateMachineName, arn.label),
    ...(mapRunArn ? { mapRunArn } : {}),
  };
}

function summaryOf(executionArn: string, ordered: readonly ExecutionLogMessage[]): ExpressExecutionFromLogs {
  const closing = lastOf(ordered, (record) => CLOSING[record.type] !== undefined);
  const started = ordered.find((record) => record.type === 'ExecutionStarted') ?? ordered[0]!;
  return {
    executionArn,
    ...identityOf(executionArn),
    status: closing ? CLOSING[closing.type]! : 'RUNNING',
    startDate: new Date(timeOf(started)),
    ...(closing ? { stopDate: new Date(timeOf(closing)) } : {}),
  };
}

/** The executions the records are of, newest first. */
export function expressExecutionsOf(records: readonly ExecutionLogMessage[]): ExpressExecutionFromLogs[] {
  const byExecution = new Map<string, ExecutionLogMessage[]>();
  for (const record of records) {
    const list = byExecution.get(record.execution_arn) ?? [];
    list.push(record);
    byExecution.set(record.execution_arn, list);
  }
  return [...byExecution]
    .map(([arn, list]) => summaryOf(arn, inOrder(list)))
    .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
}

export function historyEventOf(record: ExecutionLogMessage): HistoryEvent {
  const hasDetails = Object.keys(record.details).length > 0;
  return {
    id: Number(record.id),
    previousEventId: Number(record.previous_event_id),
    type: record.type,
    timestamp: new Date(timeOf(record)),
    ...(hasDetails ? { [detailsMember(record.type) as `${string}EventDetails`]: record.details } : {}),
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** One execution's details: `execution` undefined when it has no record. */
export function expressExecutionDetailsOf(
  executionArn: string,
  records: readonly ExecutionLogMessage[],
): Pick<ExpressExecutionDetailsFromLogs, 'execution' | 'events'> {
  const ordered = inOrder(records.filter((record) => record.execution_arn === executionArn));
  if (ordered.length === 0) return { events: [] };
  const detailsOf = (type: string) => lastOf(ordered, (record) => record.type === type)?.details ?? {};
  const closing = lastOf(ordered, (record) => CLOSING[record.type] !== undefined);
  const closed = closing?.details ?? {};
  const input = text(detailsOf('ExecutionStarted').input);
  const output = text(detailsOf('ExecutionSucceeded').output);
  const error = closing?.type === 'ExecutionSucceeded' ? undefined : text(closed.error);
  const cause = closing?.type === 'ExecutionSucceeded' ? undefined : text(closed.cause);
  return {
    execution: {
      ...summaryOf(executionArn, ordered),
      ...(input !== undefined ? { input } : {}),
      ...(output !== undefined ? { output } : {}),
      ...(error !== undefined ? { error } : {}),
      ...(cause !== undefined ? { cause } : {}),
    },
    events: ordered.map(historyEventOf),
  };
}
