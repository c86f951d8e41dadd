/**
 * The engine under test: a worker on a task queue of its own (so a server shared with other workers is fine) and
 * an SDK bound to it. The ARN scope is the recordings' account and region, so ARNs in outputs compare literally
 * (the partition and region are placeholders anyway).
 */
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { handlersFrom } from '../../activities/handler-registry';
import { createStorage } from '../../activities/storage';
import { CaseStorage } from './case-storage';
import { StepFunctions } from '../../client';
import { connectTemporal } from '../../client/connect';
import type { ConnectionSettings } from '../../client/connection-settings';
import { connectWorker } from '../../worker/connection';
import { createEngineWorker } from '../../worker/create-worker';
import { conformanceHandlers } from './handlers';

export const RECORDED_SCOPE = { region: 'us-east-1', account: '111111111111' };

export interface ConformanceEngine {
  sfn: StepFunctions;
  storage: CaseStorage;
  stop(): Promise<void>;
}

export async function startConformanceEngine(settings: ConnectionSettings): Promise<ConformanceEngine> {
  // Failing executions are the point of half the corpus; the SDK would log each at WARN.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const taskQueue = `conformance-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const connection = await connectTemporal(settings);
  const client = new Client({ connection, namespace: settings.namespace });
  const sfn = new StepFunctions({ client, taskQueue, scope: RECORDED_SCOPE, settings });
  const storage = new CaseStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-conformance-storage-')));
  const nativeConnection = await connectWorker(settings);
  const worker = await createEngineWorker({
    connection: nativeConnection,
    namespace: settings.namespace,
    taskQueue,
    handlers: handlersFrom(conformanceHandlers),
    storage: createStorage({ storageDir: storage.dir }),
  });
  const running = worker.run();
  return {
    sfn,
    storage,
    async stop() {
      fs.rmSync(storage.dir, { recursive: true, force: true });
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}
