/**
 * Where a Map Run repair's time goes (bench/map-run-repair.bench.ts --probe): before the repair, each read that
 * redriveMapRun makes of the closed Map Run and its parent, timed alone (a query of a closed workflow replays its
 * whole history on the worker, so the sizes are reported with them); after it, the repair run's own timeline from
 * its history: when its first workflow task ended, when its activities ran (by type), and when it closed.
 */
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import type { StepFunctions } from '../../client';
import { startArgs } from '../../client/execution-description';
import { describeMapRunQuery, mapRunRedriveStateQuery } from '../../messages/map-run';

export type Probe = Record<string, number | string>;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return Number(((performance.now() - started) / 1000).toFixed(3));
}

/** Each read of client/map-run-repair.ts, one after the other, in seconds; and what the queries replay. */
export async function probeReads(
  client: Client,
  sfn: StepFunctions,
  mapRunArn: string,
  executionArn: string,
): Promise<Probe> {
  const handle = client.workflow.getHandle(mapRunArn);
  let stateBytes = 0;
  const reads = {
    describeMapRunQuery: await timed(() => handle.query(describeMapRunQuery)),
    redriveStateQuery: await timed(async () => {
      stateBytes = JSON.stringify(await handle.query(mapRunRedriveStateQuery)).length;
    }),
    startArgs: await timed(() => startArgs(client, mapRunArn)),
    describeParent: await timed(() => sfn.describeExecution({ executionArn })),
    planRedriveMapRun: await timed(() => sfn.planRedriveMapRun({ mapRunArn })),
    // Whether two queries at once cost one replay or two (redriveMapRun asks them one after the other).
    describeAndStateTogether: await timed(() =>
      Promise.all([handle.query(describeMapRunQuery), handle.query(mapRunRedriveStateQuery)]),
    ),
    // The history alone, without its replay: what a query costs apart from the workflow code.
    fetchHistory: await timed(() => handle.fetchHistory()),
  };
  const info = (await handle.describe()).raw.workflowExecutionInfo;
  return {
    ...reads,
    redriveStateKB: Math.round(stateBytes / 1024),
    historyEvents: Number(info?.historyLength),
    historyKB: Math.round(Number(info?.historySizeBytes) / 1024),
  };
}

/**
 * The repaired run's timeline, seconds from its start: its first workflow task done, each activity type's first
 * schedule and last completion (with how many, and their inputs' size), its close; and its history's size.
 */
export async function repairTimeline(client: Client, mapRunArn: string): Promise<Probe> {
  const history = await client.workflow.getHandle(mapRunArn).fetchHistory();
  const events = history.events ?? [];
  const t0 = tsToMs(events[0]?.eventTime);
  const at = (event: (typeof events)[number]) => Number(((tsToMs(event.eventTime) - t0) / 1000).toFixed(2));
  const typeOf = new Map<number, string>();
  const activities = new Map<string, { n: number; first: number; last: number; bytes: number }>();
  const timeline: Probe = { events: events.length, KB: Math.round(JSON.stringify(history).length / 1024) };
  for (const event of events) {
    const id = Number(event.eventId);
    if (event.workflowTaskCompletedEventAttributes && timeline.firstTaskDone === undefined) {
      timeline.firstTaskDone = at(event);
    }
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) {
      const type = scheduled.activityType?.name ?? '?';
      typeOf.set(id, type);
      const seen = activities.get(type) ?? { n: 0, first: at(event), last: 0, bytes: 0 };
      const bytes = (scheduled.input?.payloads ?? []).reduce((sum, p) => sum + (p.data?.length ?? 0), 0);
      activities.set(type, { ...seen, n: seen.n + 1, bytes: seen.bytes + bytes });
    }
    const completed = event.activityTaskCompletedEventAttributes;
    if (completed) {
      const seen = activities.get(typeOf.get(Number(completed.scheduledEventId)) ?? '?');
      if (seen) seen.last = at(event);
    }
    if (event.workflowExecutionCompletedEventAttributes || event.workflowExecutionFailedEventAttributes) {
      timeline.closed = at(event);
    }
  }
  for (const [type, a] of activities) {
    timeline[type] = `${a.n}x ${a.first}-${a.last} s, inputs ${Math.round(a.bytes / 1024)} KB`;
  }
  return timeline;
}
