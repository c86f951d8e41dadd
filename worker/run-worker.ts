/**
 * `tsf worker`: connects to Temporal and runs the engine's worker until SIGINT/SIGTERM. The signal stops polling;
 * running handlers get the shutdown grace to finish, then are cancelled (their attempts run again elsewhere);
 * the process ends with code 0 either way. A second Ctrl-C ends it at once (the SDK listens for the first only).
 */
import { Runtime } from '@temporalio/worker';
import { loadHandlerModules } from '../activities/handler-registry';
import { openLogStore } from '../activities/logs';
import type { EngineConfig } from '../client/config';
import { connectWorker } from './connection';
import { createEngineWorker } from './create-worker';
import { describeTuning, resolveTuning, type WorkerTuning } from './tuning';
import { prepareTypeScriptHandlers } from './typescript-handlers';
import { defaultIdentity, workerLog } from './worker-log';

export interface WorkerCommandOptions {
  handlerModules: string[];
  tuning?: WorkerTuning;
  identity?: string;
  /** `host:port` where the SDK serves Prometheus metrics (`/metrics`); none when absent. */
  metricsAddress?: string;
}

export async function runWorker(config: EngineConfig, options: WorkerCommandOptions): Promise<void> {
  const identity = options.identity ?? defaultIdentity();
  const log = workerLog(identity);
  Runtime.install({
    logger: log.logger,
    telemetryOptions: {
      // Core's lines go through the same logger, so they name the worker too.
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(options.metricsAddress ? { metrics: { prometheus: { bindAddress: options.metricsAddress } } } : {}),
    },
  });
  // Registered with the Runtime's own listeners, so that both go with the first signal.
  onStopSignal(() => {
    const graceMs = resolveTuning(options.tuning).graceMs;
    log.info(`Stopping: polling stopped; running handlers have ${graceMs / 1000} s to finish`);
    setTimeout(
      () => log.info('Shutdown grace over: handlers still running are cancelled and will run again elsewhere'),
      graceMs,
    ).unref();
  });
  prepareTypeScriptHandlers(options.handlerModules);
  const handlers = await loadHandlerModules(options.handlerModules);
  const connection = await connectWorker(config); // the profile's TLS/API key; names a missing namespace or attribute
  try {
    const worker = await createEngineWorker({
      connection,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      handlers,
      tuning: options.tuning,
      identity,
      // Execution log records the store could not deliver (after its retries) are reported in this worker's log.
      logStore: openLogStore(process.env, { workerId: identity, warn: (message) => log.info(message) }),
    });
    log.info(
      `Worker ready on task queue '${config.taskQueue}' (namespace ${config.namespace} at ${config.address}); ` +
        `handlers: ${[...handlers.keys()].sort().join(', ') || 'none'}; ${describeTuning(options.tuning)}` +
        (options.metricsAddress ? `; metrics on http://${options.metricsAddress}/metrics` : ''),
    );
    await worker.run();
    log.info('Worker stopped');
  } finally {
    await connection.close();
  }
}

/**
 * The SDK's Runtime stops the worker on the first SIGINT/SIGTERM and then stops listening, so that a second one
 * ends the process; these listeners only say what happens, and go with the first signal too.
 */
function onStopSignal(callback: () => void): void {
  const once = () => {
    process.off('SIGINT', once);
    process.off('SIGTERM', once);
    callback();
  };
  process.on('SIGINT', once);
  process.on('SIGTERM', once);
}
