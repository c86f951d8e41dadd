/**
 * `tsf worker`: connects to Temporal and runs the engine's worker until SIGINT/SIGTERM.
 */
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { loadHandlerModules } from '../activities/handler-registry';
import type { EngineConfig } from '../client/config';
import { connectWorker } from './connection';
import { createEngineWorker } from './create-worker';
import { prepareTypeScriptHandlers } from './typescript-handlers';

export async function runWorker(config: EngineConfig, handlerModules: string[], log = console.error): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  prepareTypeScriptHandlers(handlerModules);
  const handlers = await loadHandlerModules(handlerModules);
  const connection = await connectWorker(config); // the profile's TLS/API key; names a missing namespace or attribute
  try {
    const worker = await createEngineWorker({
      connection,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      handlers,
    });
    log(
      `Worker ready on task queue '${config.taskQueue}' (namespace ${config.namespace} at ${config.address}); ` +
        `handlers: ${[...handlers.keys()].sort().join(', ') || 'none'}`,
    );
    await worker.run();
  } finally {
    await connection.close();
  }
}
