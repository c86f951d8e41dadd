/**
 * Records the Temporal histories of test/replay/scenarios.ts (all, or those named as arguments) into
 * test/replay/histories/*.json.
 * Run it (`npx tsx test/replay/record.ts`) when a workflow change is deliberate and guarded with
 * patched(): keep the old files (they prove old executions still replay) and add new ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { handlersFrom } from '../../activities/handler-registry';
import { openLogStore } from '../../activities/logs';
import { StepFunctions } from '../../client';
import { connectTemporal } from '../../client/connect';
import { connectWorker } from '../../worker/connection';
import * as handlers from '../../examples/handlers';
import { createEngineWorker } from '../../worker/create-worker';
import { scenarios } from './scenarios';
import { selectiveScenarios } from './scenarios-selective';
import { findFreePort, startDevServer } from '../../scripts/dev-server';

const outDir = path.resolve(__dirname, 'histories');

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-record-'));
  const server = await startDevServer({ port: await findFreePort(), uiPort: false, dataDir });
  const native = await connectWorker(server.settings);
  const connection = await connectTemporal(server.settings);
  const client = new Client({ connection });
  const taskQueue = 'replay-recording';
  const worker = await createEngineWorker({
    connection: native,
    namespace: 'default',
    taskQueue,
    handlers: handlersFrom(handlers),
    // Scenarios that log write into the recording's folder, not the working directory's .tsf.
    logStore: openLogStore({ TSF_DATA_DIR: dataDir, TSF_LOGS_ENDPOINT: '' }),
  });
  const running = worker.run();
  try {
    const scope = { region: 'us-east-1', account: '000000000000' };
    const date = new Date().toISOString().slice(0, 10);
    const wanted = process.argv.slice(2);
    for (const scenario of [...scenarios, ...selectiveScenarios].filter(
      (sc) => wanted.length === 0 || wanted.includes(sc.name),
    )) {
      const { redriveLimits } = scenario;
      const sfn = new StepFunctions({ client, taskQueue, scope, ...(redriveLimits ? { redriveLimits } : {}) });
      const workflowIds = await scenario.run(sfn, fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-counter-')));
      const stamp = freshStamp(date, scenario.name);
      for (const [i, workflowId] of workflowIds.entries()) {
        // `temporal workflow show --output json` writes the JSON form that historyFromJSON reads back.
        const shown = execFileSync(
          server.binary,
          ['workflow', 'show', '--address', server.address, '-w', workflowId, '--output', 'json'],
          {
            encoding: 'utf8',
          },
        );
        const history = JSON.parse(shown) as { events: unknown[] };
        const file = path.join(outDir, `${stamp}-${scenario.name}-${i}.json`);
        fs.writeFileSync(file, `${JSON.stringify({ workflowId, history }, null, 1)}\n`);
        console.log(`recorded ${path.relative(process.cwd(), file)} (${history.events.length} events)`);
      }
    }
  } finally {
    worker.shutdown();
    await running;
    await native.close();
    await connection.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `2026-12-02`, or `2026-12-02b`, `c`, ... when the scenario was recorded that day already: the files of an earlier
 * recording are kept, never overwritten (they prove that executions begun before a change still replay).
 */
function freshStamp(date: string, scenario: string): string {
  for (const suffix of ['', ...'bcdefghijklmnopqrstuvwxyz']) {
    const stamp = `${date}${suffix}`;
    if (!fs.existsSync(path.join(outDir, `${stamp}-${scenario}-0.json`))) return stamp;
  }
  throw new Error(`${scenario} was recorded 26 times on ${date}: move some recordings away first`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
