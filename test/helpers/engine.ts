/**
 * A real engine for one test file: a worker on its own task queue against the dev server the test run started
 * (scripts/run-tests.ts exports TEMPORAL_ADDRESS), and an SDK client bound to that queue.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { handlersFrom, type HandlerRegistry } from '../../activities/handler-registry';
import { createStorage, type ObjectStorage } from '../../activities/storage';
import { StepFunctions } from '../../client';
import { createEngineWorker } from '../../worker/create-worker';

export interface TestEngine {
  sfn: StepFunctions;
  client: Client;
  taskQueue: string;
  address: string;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

export function testAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address)
    throw new Error('TEMPORAL_ADDRESS is not set: run the tests with `npm test`, which starts a dev server.');
  return address;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface TestEngineOptions {
  handlers?: Record<string, unknown> | HandlerRegistry;
  worker?: boolean;
  /** Folder of the local storage backend (ItemReader / ResultWriter buckets are sub-folders). */
  storageDir?: string;
  storage?: ObjectStorage;
  expressTimeLimitMs?: number;
}

export async function startTestEngine(options: TestEngineOptions = {}) {
  if (!runtimeInstalled) {
    // Failed executions are expected in tests; the SDK logs each at WARN.
    Runtime.install({
      logger: new DefaultLogger('ERROR'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
    runtimeInstalled = true;
  }
  const address = testAddress();
  const taskQueue = uniqueName('test');
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const sfn = new StepFunctions({ client, taskQueue, scope: { region: 'us-east-1', account: '000000000000' } });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let nativeConnection: NativeConnection | undefined;
  if (options.worker !== false) {
    nativeConnection = await NativeConnection.connect({ address });
    const handlers =
      options.handlers instanceof Map
        ? options.handlers
        : handlersFrom((options.handlers ?? {}) as Record<string, unknown>);
    const storage =
      options.storage ?? (options.storageDir ? createStorage({ storageDir: options.storageDir }) : undefined);
    worker = await createEngineWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      handlers,
      ...(storage ? { storage } : {}),
      ...(options.expressTimeLimitMs ? { expressTimeLimitMs: options.expressTimeLimitMs } : {}),
    });
    running = worker.run();
  }
  const engine: TestEngine = {
    sfn,
    client,
    taskQueue,
    address,
    async stop() {
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection?.close();
      await connection.close();
    },
  };
  return engine;
}
