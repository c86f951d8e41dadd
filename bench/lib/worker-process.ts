/**
 * The bench's worker process (forked by worker-host.ts): one Temporal worker, engine or baseline, with the
 * bench's tuning; samples its own RSS every 200 ms and reports peak memory and CPU time when told to stop.
 */
import * as fs from 'node:fs';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { handlersFrom } from '../../activities/handler-registry';
import { createStorage } from '../../activities/storage';
import { createBaselineActivities } from '../baseline/activities';
import * as benchHandlers from '../handler';
import { openLogStore } from '../../activities/logs';
import { connectWorker } from '../../worker/connection';
import { engineExecutionLogs } from '../../worker/execution-log-sinks';
import { workerSettings } from './server';
import type { FromWorker, ToWorker, WorkerProcessConfig, WorkerStats } from './worker-protocol';

const SAMPLE_MS = 200;

/** Resolves once the message is handed to the IPC channel, so a disconnect right after cannot drop it. */
function send(message: FromWorker): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });
}

/** VmHWM from /proc/self/status: the exact peak, where sampling could miss a short spike. */
function kernelPeakRss(): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function main(config: WorkerProcessConfig): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  let peakRssSampled = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRssSampled = Math.max(peakRssSampled, process.memoryUsage().rss);
  }, SAMPLE_MS);
  const connection = await connectWorker(workerSettings(config), { checkNamespace: false });
  // The engine's own worker (worker/create-worker.ts) with the bench's tuning added; the baseline's gets the same.
  // As createEngineWorker: execution logs through the workflows' sinks and the Express activities, to a local store.
  const logs =
    config.kind === 'engine'
      ? engineExecutionLogs(openLogStore({ TSF_DATA_DIR: config.logsDir, TSF_LOGS_ENDPOINT: '' }))
      : undefined;
  const activities =
    config.kind === 'engine'
      ? createActivities({
          handlers: handlersFrom(benchHandlers),
          storage: createStorage({ storageDir: config.storageDir }),
          executionLogs: logs!.delivery,
        })
      : createBaselineActivities();
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    workflowBundle: { codePath: config.bundlePath },
    activities,
    ...(logs ? { sinks: logs.sinks, plugins: logs.plugins } : {}),
    shutdownGraceTime: '5s',
    ...definedOnly(config.tuning),
  });
  const cpuStart = process.cpuUsage();
  process.on('message', (message: ToWorker) => {
    if (message.type === 'stop' && worker.getState() === 'RUNNING') worker.shutdown();
  });
  const running = worker.run();
  await send({ type: 'ready' });
  await running;
  clearInterval(sampler);
  await connection.close();
  const cpu = process.cpuUsage(cpuStart);
  const stats: WorkerStats = {
    peakRssSampled: Math.max(peakRssSampled, process.memoryUsage().rss),
    peakRssKernel: kernelPeakRss(),
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
  };
  await send({ type: 'stats', stats });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

main(JSON.parse(process.argv[2] ?? '{}') as WorkerProcessConfig).then(
  () => process.disconnect?.(),
  async (error: unknown) => {
    await send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
    process.disconnect?.();
  },
);
