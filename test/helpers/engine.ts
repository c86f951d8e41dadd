/**
 * A real engine for one test file: a worker on its own task queue against the dev server the test run started
 * (scripts/run-tests.ts exports TEMPORAL_ADDRESS and a profile file, TEMPORAL_CONFIG_FILE; another run may name a
 * cluster's profile instead), and an SDK client bound to that queue.
 */
import { Client } from '@temporalio/client';
import { DefaultLogger, type NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { handlersFrom, type HandlerRegistry } from '../../activities/handler-registry';
import { openLogStore, type LogStore } from '../../activities/logs';
import { createStorage, type ObjectStorage } from '../../activities/storage';
import { StepFunctions } from '../../client';
import { connectTemporal } from '../../client/connect';
import { resolveConnectionSettings, type ConnectionSettings } from '../../client/connection-settings';
import { connectWorker } from '../../worker/connection';
import { createEngineWorker } from '../../worker/create-worker';
import type { WorkerTuning } from '../../worker/tuning';
import { tempDir } from './fixtures';

export interface TestEngine {
  sfn: StepFunctions;
  /** The storage the worker and `sfn` share (items, results, Express children's records). */
  storage: ObjectStorage;
  client: Client;
  taskQueue: string;
  address: string;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/** The test run's server, as every process of the run resolves it (profile file, TEMPORAL_* variables). */
export function testSettings(): ConnectionSettings {
  if (!process.env.TEMPORAL_ADDRESS && !process.env.TEMPORAL_CONFIG_FILE) {
    throw new Error('TEMPORAL_ADDRESS is not set: run the tests with `npm test`, which starts a dev server.');
  }
  return resolveConnectionSettings();
}

export function testAddress(): string {
  return testSettings().address;
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
  /** Where the worker writes execution logs; default: a local store in the test run's data folder (or a temp one). */
  logStore?: LogStore;
  /** Worker tuning beyond the tests' shutdown grace (e.g. `maxCachedWorkflows: 0`: every workflow task replays). */
  tuning?: WorkerTuning;
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
  const settings = testSettings();
  const { address, namespace } = settings;
  const taskQueue = uniqueName('test');
  const connection = await connectTemporal(settings);
  const client = new Client({ connection, namespace });
  const scope = { region: 'us-east-1', account: '000000000000' };
  // Never the developer's .tsf/storage: the worker and the client share one folder (Express children's records).
  const storage = options.storage ?? createStorage({ storageDir: options.storageDir ?? tempDir('engine-storage') });
  const sfn = new StepFunctions({ client, taskQueue, scope, settings, storage });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let nativeConnection: NativeConnection | undefined;
  if (options.worker !== false) {
    nativeConnection = await connectWorker(settings, { checkNamespace: false });
    const handlers =
      options.handlers instanceof Map
        ? options.handlers
        : handlersFrom((options.handlers ?? {}) as Record<string, unknown>);
    worker = await createEngineWorker({
      connection: nativeConnection,
      namespace,
      taskQueue,
      handlers,
      // The worker defaults, but a file's teardown waits for a handler still running only as long as it used to.
      tuning: { shutdownGraceMs: 5000, ...options.tuning },
      storage,
      ...(options.expressTimeLimitMs ? { expressTimeLimitMs: options.expressTimeLimitMs } : {}),
      // Never the developer's .tsf/logs or TSF_LOGS_ENDPOINT.
      logStore:
        options.logStore ??
        openLogStore({ TSF_DATA_DIR: process.env.TSF_TEST_DATA_DIR || tempDir('engine-logs'), TSF_LOGS_ENDPOINT: '' }),
    });
    running = worker.run();
  }
  const engine: TestEngine = {
    sfn,
    storage,
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
