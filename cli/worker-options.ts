/**
 * `tsf worker`'s tuning flags, read into the worker's options. Defaults live in worker/tuning.ts (WORKER_DEFAULTS),
 * which the SDK's createEngineWorker and engineWorkerOptions() share; the flags only override them.
 */
import type { Command } from 'commander';
import type { WorkerCommandOptions } from '../worker/run-worker';
// Only numbers and types: nothing of the SDK loads before the command runs.
import { WORKER_DEFAULTS, type WorkerTuning } from '../worker/tuning';
import { parseInteger } from './io';

export function addWorkerTuningOptions(command: Command): Command {
  return command
    .option('--identity <name>', "how the server and the log lines name this worker (default: the SDK's pid@host)")
    .option(
      '--max-concurrent-activities <n>',
      `Task handlers and Express children running at once (default ${WORKER_DEFAULTS.maxConcurrentActivities})`,
    )
    .option(
      '--max-concurrent-workflow-tasks <n>',
      `workflow tasks running at once (default ${WORKER_DEFAULTS.maxConcurrentWorkflowTasks})`,
    )
    .option('--max-cached-workflows <n>', "workflows kept in memory between tasks (default: the SDK's, from the heap)")
    .option(
      '--tuner <kind>',
      "'fixed' slots, or 'resource-based' (the SDK's: slots while memory and CPU allow)",
      'fixed',
    )
    .option('--target-memory <fraction>', 'resource-based: system memory use to stay under', '0.8')
    .option('--target-cpu <fraction>', 'resource-based: system CPU use to stay under', '0.9')
    .option(
      '--shutdown-grace <duration>',
      `on SIGTERM/SIGINT, how long running handlers may finish: 30s, 2m, 500ms (default ${WORKER_DEFAULTS.shutdownGraceMs / 1000}s)`,
    )
    .option(
      '--metrics-port <[host:]port>',
      'serve Prometheus metrics at http://host:port/metrics (host default 0.0.0.0)',
    );
}

export interface WorkerFlags {
  identity?: string;
  maxConcurrentActivities?: string;
  maxConcurrentWorkflowTasks?: string;
  maxCachedWorkflows?: string;
  tuner: string;
  targetMemory: string;
  targetCpu: string;
  shutdownGrace?: string;
  metricsPort?: string;
}

export function workerOptionsFrom(flags: WorkerFlags, handlerModules: string[]): WorkerCommandOptions {
  if (flags.tuner !== 'fixed' && flags.tuner !== 'resource-based') {
    throw new Error(`--tuner must be 'fixed' or 'resource-based', got '${flags.tuner}'`);
  }
  const tuning: WorkerTuning = {
    maxConcurrentActivities: positive(flags.maxConcurrentActivities, '--max-concurrent-activities'),
    maxConcurrentWorkflowTasks: positive(flags.maxConcurrentWorkflowTasks, '--max-concurrent-workflow-tasks', 2),
    maxCachedWorkflows: positive(flags.maxCachedWorkflows, '--max-cached-workflows', 0),
    shutdownGraceMs: flags.shutdownGrace === undefined ? undefined : parseDuration(flags.shutdownGrace),
    ...(flags.tuner === 'resource-based'
      ? {
          resourceBased: {
            targetMemoryUsage: fraction(flags.targetMemory, '--target-memory'),
            targetCpuUsage: fraction(flags.targetCpu, '--target-cpu'),
          },
        }
      : {}),
  };
  return {
    handlerModules,
    tuning,
    ...(flags.identity ? { identity: flags.identity } : {}),
    ...(flags.metricsPort ? { metricsAddress: metricsAddress(flags.metricsPort) } : {}),
  };
}

function positive(value: string | undefined, option: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = parseInteger(value, option);
  if (n < min) throw new Error(`${option} must be at least ${min}, got ${n}`);
  return n;
}

function fraction(value: string, option: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new Error(`${option} must be a fraction in (0, 1], got '${value}'`);
  return n;
}

/** `30s`, `2m`, `500ms`, or a bare number of seconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!match) throw new Error(`--shutdown-grace must be a duration such as 30s, 2m or 500ms, got '${value}'`);
  const unit = match[2] === 'ms' ? 1 : match[2] === 'm' ? 60_000 : 1000;
  return Math.round(Number(match[1]) * unit);
}

/** A bare port listens on every interface, as Prometheus scrapes from elsewhere. */
function metricsAddress(value: string): string {
  const address = /^\d+$/.test(value) ? `0.0.0.0:${value}` : value;
  const port = Number(/:(\d+)$/.exec(address)?.[1]);
  if (!(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`--metrics-port must be a port or host:port, got '${value}'`);
  }
  return address;
}
