/**
 * The engine under test: a worker on a task queue of its own (so a server shared with other workers is fine) and
 * an SDK bound to it. The ARN scope is the recordings' account and region, so ARNs in outputs compare literally
 * (the partition and region are placeholders anyway).
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { handlersFrom } from '../../activities/handler-registry';
import { createStorage } from '../../activities/storage';
import { CaseStorage } from './case-storage';
import { StepFunctions } from '../../client';
import { createEngineWorker } from '../../worker/create-worker';
import { conformanceHandlers } from './handlers';

export const RECORDED_SCOPE = { region: 'us-east-1', account: '111111111111' };

export interface ConformanceEngine {
  sfn: StepFunctions;
  storage: CaseStorage;
  stop(): Promise<void>;
}

export async function startConformanceEngine(address: string): Promise<ConformanceEngine> {
  // Failing executions are the point of half the corpus; the SDK would log each at WARN.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const taskQueue = `conformance-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const sfn = new StepFunctions({ client, taskQueue, scope: RECORDED_SCOPE });
  const storage = new CaseStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-conformance-storage-')));
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createEngineWorker({
    connection: nativeConnection,
    namespace: 'default',
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
