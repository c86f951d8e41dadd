/**
 * `npm run demo`: the main job on the embedded default. Uses the Temporal server of the profile when one answers
 * (TEMPORAL_CONFIG_FILE / TEMPORAL_ADDRESS: a cluster, with its TLS), else starts the Temporal dev server, building
 * the temporal CLI on first use; runs a worker with the example handlers, and tells the redrive story: a Map Run
 * fails, the cause is fixed, a redrive re-runs only the failed items, success.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { handlersFrom } from '../activities/handler-registry';
import { loadConfig, StepFunctions } from '../client';
import { connectionSettingsOf } from '../client/config';
import { connectTemporal } from '../client/connect';
import { describeConnectionSettings, localSettings } from '../client/connection-settings';
import * as handlers from '../examples/handlers';
import { connectWorker } from '../worker/connection';
import { createEngineWorker } from '../worker/create-worker';
import { isPortOpen, prepareNamespace, startDevServer, type DevServer } from './dev-server';
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
  let settings = connectionSettingsOf(config);
  let server: DevServer | undefined;
  if (await isPortOpen(settings.address)) {
    // Something answers where the profile points: that server it is (a TLS or key problem is named, not hidden).
    const { tls, apiKey } = describeConnectionSettings(settings);
    console.log(
      `Using the Temporal server at ${settings.address} (${settings.sources.address}), namespace ` +
        `${settings.namespace}, TLS ${tls}, API key ${apiKey}`,
    );
    await prepareNamespace(settings, settings.namespace);
  } else {
    const port = Number(config.address.split(':').at(-1));
    server = await startDevServer({ port, dataDir: config.dataDir });
    console.log(
      `Started the Temporal dev server at ${server.address} (data ${server.dataDir}, UI ${server.uiUrl ?? 'off'})`,
    );
    settings = localSettings(server.address, settings.namespace, 'the dev server started here');
    if (settings.namespace !== server.namespace) await prepareNamespace(settings, settings.namespace);
  }

  const native = await connectWorker(settings);
  const connection = await connectTemporal(settings);
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
      client: new Client({ connection, namespace: settings.namespace }),
      taskQueue: config.taskQueue,
      scope: { region: config.region, account: config.account },
      settings,
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
