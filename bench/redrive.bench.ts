/**
 * Redrive benchmark (issue #4): a Map Run of N items (Standard children by default) of which F fail until the cause
 * is fixed; the execution fails with States.ExceedToleratedFailureThreshold, the fix is applied, the execution is
 * redriven. Prints, for the first attempt and the redrive of the same run: wall time, children run, and the Temporal
 * history events and bytes the server wrote (summed over every workflow of the execution, from visibility), and the
 * redrive/first-attempt ratios. The redrive should cost in proportion to the F, not the N.
 *
 *   npx tsx bench/redrive.bench.ts [--items 10000] [--failures 100] [--type STANDARD|EXPRESS] [--concurrency 1000]
 *       [--json results.json]
 *
 *       [--hold-ms 0] [--sample-ms 0]
 *
 * Item i fails when i % (N / F) is the last of its group, so the failures are spread over every partition and the
 * threshold (ToleratedFailureCount F - 1) trips at the last of them, near the end of the run (F = N: every item
 * fails). Children still running then are aborted, and the redrive runs them too: the table reports how many
 * children each attempt ran. With --hold-ms the redriven handlers wait that long (children that take time); with
 * --sample-ms DescribeMapRun is sampled that often during the redrive: running and pendingRedrive over time, the most
 * running at once against MaxConcurrency, and whether every sample accounts for every item. Sampling asks every
 * running partition for its counts, a load of its own: time the redrive without it.
 *
 * The documented example (sfn-spec §3.6): --items 6000 --failures 6000 --concurrency 3000 --type EXPRESS
 * --hold-ms 2000 --sample-ms 250. A sparse one: --items 20000 --failures 400 --type EXPRESS.
 * Before the redrive the bench collects its process's garbage (lib/settle.ts): the redrive does not pay for the first
 * attempt's, nor for the bench's own reading of every history between the attempts. (Collected before the first
 * attempt too, the first attempt took about 1 s longer, unexplained: that would flatter the ratio, so it is not.)
 * Starts its own dev server unless a Temporal profile names a server (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE or
 * TEMPORAL_ADDRESS); the worker runs in this process. Not a test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { handlersFrom } from '../activities/handler-registry';
import { StepFunctions } from '../client';
import { connectTemporal } from '../client/connect';
import { connectWorker } from '../worker/connection';
import { createEngineWorker } from '../worker/create-worker';
import { runHistoryStats, type RunHistoryStats } from './lib/history-stats';
import { reportSamples, sampleMapRun } from './lib/map-run-samples';
import { benchServer } from './lib/server';
import { pct, positive } from './lib/report';
import { settleHeap } from './lib/settle';

const log = (message: string) => console.error(`[redrive-bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const lambda = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** The cause the user fixes between the attempts: while it is broken, the chosen items fail. */
let broken = true;
let calls = 0;
/** Item i fails while broken when it is the last of its group of `group` items. */
let group = 100;
/** Once fixed, each call waits this long: redriven children that take time, so the samples see them run. */
let holdMs = 0;

async function redriveWork(index: number): Promise<number> {
  calls++;
  if (index % group === group - 1 && broken) {
    const error = new Error(`item ${index} cannot be processed yet`);
    error.name = 'NotYetFixed';
    throw error;
  }
  if (!broken && holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
  return index;
}

function definition(type: string, concurrency: number, failures: number): string {
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        Label: 'Redrive',
        MaxConcurrency: concurrency,
        ItemsPath: '$.items',
        ToleratedFailureCount: failures - 1,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type },
          StartAt: 'Work',
          States: { Work: { Type: 'Task', Resource: lambda('redriveWork'), End: true } },
        },
        End: true,
      },
    },
  });
}

interface Attempt {
  wallSeconds: number;
  childrenRun: number;
  history: RunHistoryStats;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '10000' },
      failures: { type: 'string', default: '100' },
      type: { type: 'string', default: 'STANDARD' },
      concurrency: { type: 'string', default: '1000' },
      'hold-ms': { type: 'string', default: '0' },
      'sample-ms': { type: 'string', default: '0' },
      json: { type: 'string' },
    },
  });
  const items = positive(values.items, '--items');
  const failures = positive(values.failures, '--failures');
  const concurrency = positive(values.concurrency, '--concurrency');
  const type = values.type.toUpperCase();
  if (type !== 'STANDARD' && type !== 'EXPRESS') throw new Error(`--type must be STANDARD or EXPRESS, not ${type}`);
  if (items % failures !== 0) throw new Error(`--items (${items}) must be a multiple of --failures (${failures})`);
  group = items / failures;
  holdMs = values['hold-ms'] === '0' ? 0 : positive(values['hold-ms'], '--hold-ms');
  // Each sample asks every running partition for its counts: a load of its own, so it is not on by default.
  const sampleMs = values['sample-ms'] === '0' ? 0 : positive(values['sample-ms'], '--sample-ms');

  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-redrive-bench-'));
  const server = await benchServer(path.join(dir, 'server'), log);
  const native = await connectWorker(server.settings);
  const connection = await connectTemporal(server.settings);
  const client = new Client({ connection, namespace: server.namespace });
  const taskQueue = 'redrive-bench';
  const worker = await createEngineWorker({
    connection: native,
    namespace: server.namespace,
    taskQueue,
    handlers: handlersFrom({ redriveWork }),
  });
  const running = worker.run();
  try {
    const sfn = new StepFunctions({ client, taskQueue, scope: { region: 'us-east-1', account: '000000000000' } });
    const { stateMachineArn } = await sfn.createStateMachine({
      name: `redrive-bench-${Date.now().toString(36)}`,
      definition: definition(type, concurrency, failures),
    });
    // Plain numbers keep the input of 10,000 items well under the 256 KiB input quota.
    const input = { items: Array.from({ length: items }, (_, index) => index) };

    log(`first attempt: ${items} ${type} items, ${failures} of them failing, MaxConcurrency ${concurrency}`);
    let started = performance.now();
    const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
    const failed = await sfn.waitForExecution({ executionArn });
    const firstWall = (performance.now() - started) / 1000;
    if (failed.status !== 'FAILED') throw new Error(`the first attempt ended ${failed.status}, expected FAILED`);
    const firstCalls = calls;
    const firstHistory = await runHistoryStats(client, executionArn);
    const mapRun = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!;
    const afterFirst = await sfn.describeMapRun({ mapRunArn: mapRun.mapRunArn });
    log(
      `first attempt FAILED (${failed.error}) in ${firstWall.toFixed(1)} s: ${JSON.stringify(afterFirst.itemCounts)}`,
    );

    broken = false;
    calls = 0;
    log(`heap settled in ${settleHeap().toFixed(0)} ms`);
    started = performance.now();
    await sfn.redriveExecution({ executionArn });
    const sampler = sampleMs > 0 ? sampleMapRun(sfn, mapRun.mapRunArn, started, sampleMs) : undefined;
    const done = await sfn.waitForExecution({ executionArn });
    const redriveWall = (performance.now() - started) / 1000;
    const samples = (await sampler?.stop()) ?? [];
    if (done.status !== 'SUCCEEDED') throw new Error(`the redrive ended ${done.status}, expected SUCCEEDED`);
    const afterRedrive = await sfn.describeMapRun({ mapRunArn: mapRun.mapRunArn });
    if (afterRedrive.itemCounts.succeeded !== items) {
      throw new Error(`after the redrive ${afterRedrive.itemCounts.succeeded} of ${items} items succeeded`);
    }
    const totalHistory = await runHistoryStats(client, executionArn);
    log(`redrive SUCCEEDED in ${redriveWall.toFixed(1)} s`);
    // The execution's own dates: what the engine took, without the client's wait for the news.
    const firstOwn = (failed.stopDate!.getTime() - failed.startDate.getTime()) / 1000;
    const redriveOwn = (done.stopDate!.getTime() - done.redriveDate!.getTime()) / 1000;
    console.log(
      `\nby the execution's own dates (startDate or redriveDate to stopDate): first attempt ${firstOwn.toFixed(2)} s, ` +
        `redrive ${redriveOwn.toFixed(2)} s, ${pct(redriveOwn / firstOwn)}`,
    );

    const first: Attempt = { wallSeconds: firstWall, childrenRun: firstCalls, history: firstHistory };
    const redrive = { wallSeconds: redriveWall, childrenRun: calls };
    report(items, failures, type, first, redrive, totalHistory);
    reportSamples(samples, items, concurrency);
    if (values.json) {
      fs.writeFileSync(
        values.json,
        JSON.stringify({ items, failures, type, concurrency, holdMs, first, redrive, totalHistory, samples }, null, 2),
      );
    }
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await native.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  items: number,
  failures: number,
  type: string,
  first: Attempt,
  redrive: { wallSeconds: number; childrenRun: number },
  total: RunHistoryStats,
): void {
  const redriveEvents = total.totalEvents - first.history.totalEvents;
  const redriveBytes = total.totalBytes - first.history.totalBytes;
  const MB = 1024 * 1024;
  const rows = [
    ['', 'wall s', 'handler calls', 'history events written', 'history MB written', 'workflows (runs)'],
    [
      'first attempt',
      first.wallSeconds.toFixed(1),
      String(first.childrenRun),
      String(first.history.totalEvents),
      (first.history.totalBytes / MB).toFixed(2),
      String(first.history.workflows),
    ],
    [
      'redrive',
      redrive.wallSeconds.toFixed(1),
      String(redrive.childrenRun),
      String(redriveEvents),
      (redriveBytes / MB).toFixed(2),
      String(total.workflows - first.history.workflows),
    ],
    [
      'redrive / first',
      pct(redrive.wallSeconds / first.wallSeconds),
      pct(redrive.childrenRun / first.childrenRun),
      pct(redriveEvents / first.history.totalEvents),
      pct(redriveBytes / first.history.totalBytes),
      '',
    ],
  ];
  console.log(`\nRedrive of a Map Run: ${items} ${type} items, ${failures} failing until fixed\n`);
  console.log(rows.map((row) => `| ${row.join(' | ')} |`).join('\n'));
  console.log(
    `\nlargest history after the redrive: ${total.maxHistory} events (${total.maxHistoryType}); ` +
      `events written per re-run child by the redrive: ${(redriveEvents / Math.max(1, redrive.childrenRun)).toFixed(1)}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
