/**
 * History lengths of every workflow of one benchmarked run (the root and all its descendants), from visibility's
 * `HistoryLength`, and the event-type breakdown of the largest workflow of each type: the evidence for where the
 * server's work goes (workflow tasks, activities, children, signals per item).
 */
import type { Client } from '@temporalio/client';

export interface TypeStats {
  type: string;
  workflows: number;
  maxHistory: number;
  totalEvents: number;
  maxHistoryBytes: number;
  totalBytes: number;
  largest: { workflowId: string; runId: string };
  /** Event types of the largest workflow of this type, most frequent first. */
  largestEvents?: Record<string, number>;
  /** Why the largest workflow's history could not be fetched (e.g. a page over the server's 4 MB gRPC limit). */
  fetchError?: string;
}

export interface RunHistoryStats {
  workflows: number;
  maxHistory: number;
  maxHistoryType: string;
  maxHistoryBytes: number;
  totalEvents: number;
  totalBytes: number;
  byType: TypeStats[];
}

const SETTLE_TIMEOUT_MS = 120_000;

export async function runHistoryStats(client: Client, rootId: string): Promise<RunHistoryStats> {
  const query = `RootWorkflowId = '${rootId}'`;
  await settled(client, query);
  const byType = new Map<string, TypeStats>();
  for await (const info of client.workflow.list({ query })) {
    const stats = byType.get(info.type) ?? {
      type: info.type,
      workflows: 0,
      maxHistory: 0,
      totalEvents: 0,
      maxHistoryBytes: 0,
      totalBytes: 0,
      largest: { workflowId: info.workflowId, runId: info.runId },
    };
    stats.workflows++;
    stats.totalEvents += info.historyLength;
    stats.maxHistoryBytes = Math.max(stats.maxHistoryBytes, info.historySize ?? 0);
    stats.totalBytes += info.historySize ?? 0;
    if (info.historyLength > stats.maxHistory) {
      stats.maxHistory = info.historyLength;
      stats.largest = { workflowId: info.workflowId, runId: info.runId };
    }
    byType.set(info.type, stats);
  }
  for (const stats of byType.values()) {
    try {
      stats.largestEvents = await eventBreakdown(client, stats.largest.workflowId, stats.largest.runId);
    } catch (error) {
      stats.fetchError = error instanceof Error ? error.message : String(error);
    }
  }
  const all = [...byType.values()].sort((a, b) => b.maxHistory - a.maxHistory);
  return {
    workflows: all.reduce((sum, s) => sum + s.workflows, 0),
    maxHistory: all[0]?.maxHistory ?? 0,
    maxHistoryType: all[0]?.type ?? '',
    maxHistoryBytes: Math.max(0, ...all.map((s) => s.maxHistoryBytes)),
    totalEvents: all.reduce((sum, s) => sum + s.totalEvents, 0),
    totalBytes: all.reduce((sum, s) => sum + s.totalBytes, 0),
    byType: all,
  };
}

/** Visibility is written asynchronously: waits until nothing of the run shows as running and the count holds. */
async function settled(client: Client, query: string): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let previous = -1;
  while (Date.now() < deadline) {
    const running = (await client.workflow.count(`${query} AND ExecutionStatus = 'Running'`)).count;
    const total = (await client.workflow.count(query)).count;
    if (running === 0 && total === previous && total > 0) return;
    previous = total;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function eventBreakdown(client: Client, workflowId: string, runId: string): Promise<Record<string, number>> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const counts: Record<string, number> = {};
  for (const event of history.events ?? []) {
    const name = eventName(event as Record<string, unknown>);
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a));
}

/** `activityTaskScheduledEventAttributes` -> `ActivityTaskScheduled`: names without importing the proto enums. */
function eventName(event: Record<string, unknown>): string {
  const key = Object.keys(event).find((k) => k.endsWith('EventAttributes') && event[k] != null);
  if (!key) return `EventType${String(event.eventType)}`;
  const base = key.slice(0, -'EventAttributes'.length);
  return base.charAt(0).toUpperCase() + base.slice(1);
}
