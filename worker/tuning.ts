/**
 * How many tasks an engine worker runs at once, and how long it waits for them when it stops. The SDK's own
 * defaults (100 activity slots) let one worker run at most 100 handlers at once, whatever a Map Run's
 * MaxConcurrency says: every running Task handler and every running Express child holds one activity slot. These
 * defaults let one worker honour MaxConcurrency 1,000 for handlers that mostly wait (docs/workers.md).
 */
import v8 from 'node:v8';
import type { WorkerOptions } from '@temporalio/worker';

export interface WorkerTuning {
  /** Activities at once (Task handlers, Express children, item reads); the most, with the resource-based tuner. */
  maxConcurrentActivities?: number;
  /** Workflow tasks at once; the most, with the resource-based tuner. */
  maxConcurrentWorkflowTasks?: number;
  /** Workflows kept in memory between their tasks (fewer means replays); 0 turns the cache off. */
  maxCachedWorkflows?: number;
  /** The SDK's resource-based tuner: slots are handed out while system memory and CPU stay under these (0..1). */
  resourceBased?: { targetMemoryUsage: number; targetCpuUsage: number };
  /** How long a stopping worker lets running handlers finish before it cancels them. */
  shutdownGraceMs?: number;
}

export const WORKER_DEFAULTS = {
  // MaxConcurrency 1,000 needs 1,000 slots; twice that leaves room for a second Map Run or the engine's own activities.
  maxConcurrentActivities: 2000,
  // The SDK's default: workflow tasks are short, and one JavaScript thread runs them all.
  maxConcurrentWorkflowTasks: 40,
  shutdownGraceMs: 30_000,
} as const;

/**
 * The SDK's own default, spelled out so the worker can say it: about 600 workflows per GB of heap beyond 200 MB
 * (with reuseV8Context, the SDK's default). Each running Standard child is one, so a Standard Map Run at
 * MaxConcurrency C wants C and a few more.
 */
export function defaultMaxCachedWorkflows(): number {
  const heapMiB = v8.getHeapStatistics().heap_size_limit / (1024 * 1024);
  return Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
}

/** Activity polls open at once: at least 10, 50 at first, at most 100 (the SDK's autoscaling is 1, 5, 100). */
export const ACTIVITY_POLLERS = { type: 'autoscaling', minimum: 10, initial: 50, maximum: 100 } as const;

/** After the grace, cancelled handlers get this long to stop before the worker gives up waiting for them. */
const FORCE_AFTER_GRACE_MS = 10_000;

export type TuningOptions = Pick<
  WorkerOptions,
  | 'tuner'
  | 'maxConcurrentActivityTaskExecutions'
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxCachedWorkflows'
  | 'activityTaskPollerBehavior'
  | 'shutdownGraceTime'
  | 'shutdownForceTime'
>;

/** The numbers a worker runs with: the tuning given, the defaults for the rest. */
export function resolveTuning(tuning: WorkerTuning = {}) {
  const cache = tuning.maxCachedWorkflows ?? defaultMaxCachedWorkflows();
  const workflowTasks = tuning.maxConcurrentWorkflowTasks ?? WORKER_DEFAULTS.maxConcurrentWorkflowTasks;
  return {
    activities: tuning.maxConcurrentActivities ?? WORKER_DEFAULTS.maxConcurrentActivities,
    // A workflow task runs in the cache: the SDK lowers the slots to the cache size anyway (with a warning).
    workflowTasks: cache > 0 ? Math.max(2, Math.min(workflowTasks, cache)) : workflowTasks,
    cache,
    graceMs: tuning.shutdownGraceMs ?? WORKER_DEFAULTS.shutdownGraceMs,
    resourceBased: tuning.resourceBased,
  };
}

/**
 * The worker options the engine relies on, beyond the bundle and the activities: spread them into a worker of
 * your own (`Worker.create({ ...engineWorkerOptions(), connection, taskQueue, ... })`).
 */
export function engineWorkerOptions(tuning: WorkerTuning = {}): TuningOptions {
  const t = resolveTuning(tuning);
  const slots: TuningOptions = t.resourceBased
    ? { tuner: resourceBasedTuner(t.resourceBased, t.activities, t.workflowTasks) }
    : { maxConcurrentActivityTaskExecutions: t.activities, maxConcurrentWorkflowTaskExecutions: t.workflowTasks };
  return {
    ...slots,
    maxCachedWorkflows: t.cache,
    // The SDK's default is 10 pollers, each taking one task per round trip to the server: 1,000 tasks take 100
    // round trips, 5 s at 50 ms. Autoscaling pollers keep up with a burst; an idle worker keeps 10 polls open. The
    // SDK's autoscaling starts at 5 and grows as the server says tasks wait: starting at 50 took a MaxConcurrency
    // 1,000 Express Map Run's children up in 1.1 to 1.3 s instead of 1.4 to 1.8 s (dev server, shared 2-core
    // machine, test/integration/worker-production.test.ts, one activity per child before express-groups.ts), and
    // every handler must start within the 2 s the first one holds for all 1,000 to run at once. (SDK 1.24 ignores
    // maxConcurrentActivityTaskPolls.)
    activityTaskPollerBehavior: ACTIVITY_POLLERS,
    shutdownGraceTime: t.graceMs,
    shutdownForceTime: t.graceMs + FORCE_AFTER_GRACE_MS,
  };
}

/** One line for the worker's ready message: the slots, cache and grace it runs with. */
export function describeTuning(tuning: WorkerTuning = {}): string {
  const t = resolveTuning(tuning);
  const slots = t.resourceBased
    ? `resource-based slots (memory ${t.resourceBased.targetMemoryUsage}, CPU ${t.resourceBased.targetCpuUsage}; ` +
      `at most ${t.activities} activities, ${t.workflowTasks} workflow tasks)`
    : `${t.activities} activity slots, ${t.workflowTasks} workflow task slots`;
  return `${slots}, ${t.cache} cached workflows, shutdown grace ${t.graceMs / 1000} s`;
}

function resourceBasedTuner(
  targets: NonNullable<WorkerTuning['resourceBased']>,
  maxActivities: number,
  maxWorkflowTasks: number,
): NonNullable<WorkerOptions['tuner']> {
  return {
    tunerOptions: targets,
    workflowTaskSlotOptions: { minimumSlots: 2, maximumSlots: maxWorkflowTasks },
    // The SDK waits 50 ms between slots past the minimum, 50 s to reach 1,000; handlers that mostly wait hardly
    // move memory or CPU, so the slots come faster here and the targets still stop the ramp.
    activityTaskSlotOptions: { minimumSlots: 10, maximumSlots: maxActivities, rampThrottle: 5 },
  };
}
