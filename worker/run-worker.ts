/**
 * `tsf worker`: connects to Temporal and runs the engine's worker until SIGINT/SIGTERM.
 */
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { loadHandlerModules } from '../activities/handler-registry';
import type { EngineConfig } from '../client/config';
import { createEngineWorker } from './create-worker';
import { prepareTypeScriptHandlers } from './typescript-handlers';

export async function runWorker(config: EngineConfig, handlerModules: string[], log = console.error): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  prepareTypeScriptHandlers(handlerModules);
  const handlers = await loadHandlerModules(handlerModules);
  const connection = await NativeConnection.connect({ address: config.address });
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
