/**
 * GetExecutionHistory: the execution actor's Step Functions event log, paged like the AWS API (maxResults
 * default 100, reverseOrder, includeExecutionData).
 */
import type { HistoryEvent } from '../asl/events';
import { executionHistoryQuery } from '../messages/execution';
import type { EngineContext } from './engine-context';
import { describeRaw } from './executions';
import { decodeToken, encodeToken, pageSize } from './pagination';
import { parseRequest, type Requests } from './requests';

const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

export async function getExecutionHistory(ctx: EngineContext, request: Requests['getExecutionHistory']) {
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
function present(event: HistoryEvent, includeExecutionData: boolean) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'timestamp') out.timestamp = new Date(value as number);
    else if (!includeExecutionData && key.endsWith('EventDetails') && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !DATA_FIELDS.has(field)));
    } else out[key] = value;
  }
  return out;
}
