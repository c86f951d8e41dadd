/**
 * A redriven Map Run runs the items of its first attempt, even when the ItemReader's object has changed since
 * (sfn-spec §3.6, "Which input the redriven Map Run uses"). The items a partition read are already kept by
 * Temporal: they are the result of its `readItemPage` activity, in that partition run's history. This finds them
 * there again, so nothing but the page descriptors ever rides in the Map Run's own history.
 */
import type { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { isJsonObject, type Json } from '../../asl/json';

/** Where a page was read before: the partition run (workflow id `<mapRunArn>/p<k>`) that read it. */
export interface EarlierRead {
  workflowId: string;
  runId: string;
}

/** The cursor field a redrive adds to a page's cursor (the readers ignore it). */
export const EARLIER_READ_FIELD = 'readBefore';

/** Runs of one partition to look through when it continued as new (each run's start names the one before). */
const MAX_RUNS = 10;

export function earlierReadOf(cursor: Json | undefined): EarlierRead | undefined {
  const value = isJsonObject(cursor) ? cursor[EARLIER_READ_FIELD] : undefined;
  if (!isJsonObject(value) || typeof value.workflowId !== 'string' || typeof value.runId !== 'string') return undefined;
  return { workflowId: value.workflowId, runId: value.runId };
}

export function withoutEarlierRead(cursor: Json): Json {
  if (!isJsonObject(cursor) || !(EARLIER_READ_FIELD in cursor)) return cursor;
  const { [EARLIER_READ_FIELD]: _, ...rest } = cursor;
  return rest;
}

export function withEarlierRead(cursor: Json, read: EarlierRead): Json {
  return { ...(isJsonObject(cursor) ? cursor : {}), [EARLIER_READ_FIELD]: { ...read } };
}

/**
 * The items that `readItemPage` returned for page `pageIndex` in that run (or in the runs it continued from), or
 * undefined when none is found (the run is gone with the namespace retention, or never read the page).
 */
export async function itemsReadBefore(
  client: Client,
  read: EarlierRead,
  pageIndex: number,
): Promise<Json[] | undefined> {
  const converter = client.options.loadedDataConverter;
  let runId: string | undefined = read.runId;
  for (let run = 0; runId && run < MAX_RUNS; run++) {
    const scheduled = new Set<string>();
    let previousRun: string | undefined;
    let nextPageToken: Uint8Array | undefined;
    try {
      do {
        const response = await client.workflowService.getWorkflowExecutionHistory({
          namespace: client.options.namespace,
          execution: { workflowId: read.workflowId, runId },
          ...(nextPageToken ? { nextPageToken } : {}),
        });
        for (const event of response.history?.events ?? []) {
          const started = event.workflowExecutionStartedEventAttributes;
          if (started?.continuedExecutionRunId) previousRun = started.continuedExecutionRunId;
          const attrs = event.activityTaskScheduledEventAttributes;
          if (attrs?.activityType?.name === 'readItemPage') {
            const page = await decodeFromPayloadsAtIndex<Json>(converter, 1, attrs.input?.payloads);
            if (isJsonObject(page) && page.index === pageIndex) scheduled.add(String(event.eventId));
          }
          const completed = event.activityTaskCompletedEventAttributes;
          if (completed && scheduled.has(String(completed.scheduledEventId))) {
            const items = await decodeFromPayloadsAtIndex<Json>(converter, 0, completed.result?.payloads);
            if (Array.isArray(items)) return items;
          }
        }
        nextPageToken = response.nextPageToken?.length ? response.nextPageToken : undefined;
      } while (nextPageToken);
    } catch (error) {
      if (isGone(error)) return undefined;
      throw error;
    }
    runId = previousRun;
  }
  return undefined;
}

function isGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 5 || /not found/i.test(String((error as Error | undefined)?.message));
}
