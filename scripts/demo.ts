/**
 * `npm run demo`: the main job on the embedded default. Starts (or reuses) the Temporal dev server, building the
 * temporal CLI on first use, runs a worker with the example handlers, and tells the redrive story: a Map Run fails,
 * the cause is fixed, a redrive re-runs only the failed items, success.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { handlersFrom } from '../activities/handler-registry';
import { loadConfig, StepFunctions } from '../client';
import * as handlers from '../examples/handlers';
import { createEngineWorker } from '../worker/create-worker';
import { findRunningServer, prepareNamespace, startDevServer, type DevServer } from './dev-server';
import { runRedriveStory } from './demo/story';

const root = path.resolve(__dirname, '..');

async function upsertStateMachine(sfn: StepFunctions, name: string, file: string): Promise<string> {
  const definition = fs.readFileSync(path.join(root, file), 'utf8');
  try {
    return (await sfn.createStateMachine({ name, definition })).stateMachineArn;
  } catch (error) {
    if ((error as Error).name !== 'StateMachineAlreadyExists') throw error;
    // An earlier demo run created it with another definition: bring it up to date.
    const stateMachineArn = `arn:aws:states:${sfn.scope.region}:${sfn.scope.account}:stateMachine:${name}`;
    await sfn.updateStateMachine({ stateMachineArn, definition });
    return stateMachineArn;
  }
}

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const config = loadConfig();
  let server: DevServer | undefined;
  if (await findRunningServer(config.address)) {
    console.log(`Temporal server already running at ${config.address}, reusing it`);
    await prepareNamespace(config.address, config.namespace);
  } else {
    const port = Number(config.address.split(':').at(-1));
    server = await startDevServer({ port, dataDir: config.dataDir });
    console.log(
      `Started the Temporal dev server at ${server.address} (data ${server.dataDir}, UI ${server.uiUrl ?? 'off'})`,
    );
  }

  const native = await NativeConnection.connect({ address: config.address });
  const connection = await Connection.connect({ address: config.address });
  const worker = await createEngineWorker({
    connection: native,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    handlers: handlersFrom(handlers),
  });
  const running = worker.run();
  console.log(`Worker running on task queue '${config.taskQueue}' with the handlers of examples/handlers.ts\n`);
  try {
    const sfn = new StepFunctions({
      client: new Client({ connection, namespace: config.namespace }),
      taskQueue: config.taskQueue,
      scope: { region: config.region, account: config.account },
    });
    const stateMachineArn = await upsertStateMachine(sfn, 'orders', 'examples/map-run-redrive/definition.json');
    console.log(`State machine ${stateMachineArn}`);
    await runRedriveStory(sfn, stateMachineArn, path.join(config.dataDir, 'demo'));
  } finally {
    worker.shutdown();
    await running;
    await native.close();
    await connection.close();
    await server?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
