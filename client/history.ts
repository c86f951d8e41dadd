/**
 * GetExecutionHistory: the execution actor's Step Functions event log, paged like the AWS API (maxResults
 * default 100, reverseOrder, includeExecutionData).
 */
import type { HistoryEvent as StoredEvent } from '../asl/events';
import { executionHistoryQuery } from '../messages/execution';
import type { EngineContext } from './engine-context';
import { describeRaw } from './execution-description';
import { decodeToken, encodeToken, pageSize } from './pagination';
import { parseRequest, type Requests } from './requests';
import type { GetExecutionHistoryOutput, HistoryEvent, HistoryEventDetails } from '../messages/responses';

const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

export async function getExecutionHistory(
  ctx: EngineContext,
  request: Requests['getExecutionHistory'],
): Promise<GetExecutionHistoryOutput> {
  const {
    executionArn,
    maxResults,
    nextToken,
    reverseOrder = false,
    includeExecutionData = true,
  } = parseRequest('getExecutionHistory', request);
  const { historyLength } = await describeRaw(ctx, executionArn);
  const scope = `${executionArn}|${reverseOrder}`;
  const position = decodeToken(nextToken, scope);
  const size = pageSize(maxResults);
  const count = Math.max(0, Math.min(size, historyLength - position));
  const offset = reverseOrder ? historyLength - position - count : position;
  const page = await ctx.client.workflow.getHandle(executionArn).query(executionHistoryQuery, { offset, limit: count });
  const events = (reverseOrder ? [...page.events].reverse() : page.events).map((event) =>
    present(event, includeExecutionData),
  );
  const next = position + count;
  return { events, ...(next < historyLength ? { nextToken: encodeToken(next, scope) } : {}) };
}

/** Turns the stored event into the API shape: a Date timestamp, data fields dropped when not wanted. */
function present(stored: StoredEvent, includeExecutionData: boolean): HistoryEvent {
  const { id, previousEventId, type, timestamp, ...members } = stored;
  const event: HistoryEvent = { id, previousEventId, type, timestamp: new Date(timestamp) };
  // The event log gives an event no other member than its details (asl/events.ts).
  for (const [key, value] of Object.entries(members) as Array<[`${string}EventDetails`, HistoryEventDetails]>) {
    if (!includeExecutionData && key.endsWith('EventDetails') && value && typeof value === 'object') {
      event[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !DATA_FIELDS.has(field)));
    } else event[key] = value;
  }
  return event;
}
