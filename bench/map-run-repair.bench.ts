/**
 * Map Run repair benchmark (issue #16 point 4): an Express Map Run of N items in batches (ItemBatcher) of which F
 * children fail until the cause is fixed, tolerated, so the Map Run and its parent SUCCEED; the cause is fixed and
 * redriveMapRun repairs the Map Run. Prints, per run, the first attempt (StartExecution to the parent's SUCCEEDED)
 * and the repair (redriveMapRun's call until DescribeMapRun shows SUCCEEDED, 0 failed, redriveCount 1) and their
 * ratio, with the handler calls checked: the first attempt calls each child once, the repair exactly the F failed
 * children once each. Then the median ratio per layout. Target: at most 2%.
 *
 *   npx tsx bench/map-run-repair.bench.ts [--items 100000] [--batch 10] [--failures 1000] [--runs 3]
 *       [--layouts spread,first] [--result-writer] [--probe]
 *
 * Layouts: `spread` fails every (children / F)th child, so every partition has failures and the repair touches all
 * of them; `first` fails the first F children, a few partitions only. Runs alternate the layouts' order. Items come
 * from a JSONL object (100,000 `{"id":i}` do not fit the 256 KiB state input). With --probe the bench times, before
 * each repair, the reads redriveMapRun makes of the closed Map Run one by one (a breakdown; they replay the Map Run's
 * history on the worker, so the timed repairs run without it). One dev server and the worker run in this process,
 * as in redrive.bench.ts; the heap is collected before each repair (lib/settle.ts). Not a test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { handlersFrom } from '../activities/handler-registry';
import { createStorage } from '../activities/storage';
import { StepFunctions } from '../client';
import { connectTemporal } from '../client/connect';
import { connectWorker } from '../worker/connection';
import { createEngineWorker } from '../worker/create-worker';
import { ITEMS_BUCKET, RESULTS_BUCKET, writeJsonlItems } from './lib/items';
import { median, pct, positive } from './lib/report';
import { probeReads, repairTimeline, type Probe } from './lib/repair-probe';
import { benchServer } from './lib/server';
import { settleHeap } from './lib/settle';

const log = (message: string) => console.error(`[repair-bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
type Layout = 'spread' | 'first';

/** The cause the user fixes between the attempts (an in-memory switch: the worker runs in this process). */
const state = { broken: true, layout: 'spread' as Layout, batch: 10, children: 10_000, failures: 1000 };
/** Handler calls per child in the current phase, and batches that were not whole contiguous runs of items. */
let perChild = new Uint16Array(0);
let oddBatches = 0;

function failing(child: number): boolean {
  const { layout, children, failures } = state;
  return layout === 'first' ? child < failures : child % (children / failures) === 0;
}

async function repairWork(event: { Items: Array<{ id: number }> }): Promise<number> {
  const first = event.Items[0]!.id;
  const child = Math.floor(first / state.batch);
  // The child's index is read from its first item: batches must be the items in order, `batch` to a child.
  if (first % state.batch !== 0 || event.Items.some((item, i) => item.id !== first + i)) oddBatches++;
  perChild[child] = (perChild[child] ?? 0) + 1;
  if (state.broken && failing(child)) {
    const error = new Error(`child ${child} cannot be processed until fixed`);
    error.name = 'NotYetFixed';
    throw error;
  }
  return event.Items.length;
}

function definition(jsonlKey: string, batch: number, toleratedItems: number, resultWriter: boolean): string {
  // Needed past about 10,000 children: their outputs no longer fit the Map state's 256 KiB result.
  const writer = { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: RESULTS_BUCKET, Prefix: 'out' } };
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        Label: 'Repair',
        MaxConcurrency: 1000,
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSONL' },
          Parameters: { Bucket: ITEMS_BUCKET, Key: jsonlKey },
        },
        ItemBatcher: { MaxItemsPerBatch: batch },
        ...(resultWriter ? { ResultWriter: writer } : {}),
        // Thresholds count items: a failed child fails its whole batch. Exactly the failures, so they are tolerated.
        ToleratedFailureCount: toleratedItems,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Work',
          States: {
            Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:repairWork', End: true },
          },
        },
        End: true,
      },
    },
  });
}

interface RunResult {
  run: number;
  layout: Layout;
  firstS: number;
  firstOwnS: number;
  /** redriveMapRun's own call (its reads of the closed Map Run and the start of its next run). */
  callS: number;
  /** To the Map Run's next run closing (its workflow result), and to DescribeMapRun confirming it. */
  closedS: number;
  repairS: number;
  /** The Map Run's own dates: redriveDate to stopDate. */
  repairOwnS: number;
  probe?: Probe;
  timeline?: Probe;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '100000' },
      batch: { type: 'string', default: '10' },
      failures: { type: 'string', default: '1000' },
      runs: { type: 'string', default: '3' },
      layouts: { type: 'string', default: 'spread,first' },
      'result-writer': { type: 'boolean', default: false },
      probe: { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  const items = positive(values.items, '--items');
  state.batch = positive(values.batch, '--batch');
  state.failures = positive(values.failures, '--failures');
  const runs = positive(values.runs, '--runs');
  const layouts = values.layouts.split(',') as Layout[];
  if (layouts.some((l) => l !== 'spread' && l !== 'first')) throw new Error('--layouts takes spread and/or first');
  if (items % state.batch !== 0) throw new Error('--items must be a multiple of --batch');
  state.children = items / state.batch;
  if (state.children % state.failures !== 0) throw new Error(`${state.children} children: not a multiple of F`);

  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-repair-bench-'));
  const storageDir = path.join(dir, 'storage');
  const { key } = writeJsonlItems(storageDir, items);
  fs.mkdirSync(path.join(storageDir, RESULTS_BUCKET), { recursive: true });
  const server = await benchServer(path.join(dir, 'server'), log);
  const native = await connectWorker(server.settings);
  const connection = await connectTemporal(server.settings);
  const client = new Client({ connection, namespace: server.namespace });
  const taskQueue = 'repair-bench';
  const worker = await createEngineWorker({
    connection: native,
    namespace: server.namespace,
    taskQueue,
    handlers: handlersFrom({ repairWork }),
    storage: createStorage({ storageDir }),
  });
  const running = worker.run();
  const results: RunResult[] = [];
  try {
    const sfn = new StepFunctions({ client, taskQueue, scope: { region: 'us-east-1', account: '000000000000' } });
    const { stateMachineArn } = await sfn.createStateMachine({
      name: `repair-bench-${Date.now().toString(36)}`,
      definition: definition(key, state.batch, state.failures * state.batch, values['result-writer']),
    });
    const ctx = { client, sfn, stateMachineArn, items, probe: values.probe };
    for (let run = 1; run <= runs; run++) {
      // Alternating which layout goes first spreads a warmer (or fuller) server over both.
      const order = run % 2 === 1 ? layouts : [...layouts].reverse();
      for (const layout of order) results.push(await runOnce(ctx, run, layout));
    }
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await native.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report(items, results, layouts);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify({ items, ...state, results }, null, 2));
}

interface Ctx {
  client: Client;
  sfn: StepFunctions;
  stateMachineArn: string;
  items: number;
  probe: boolean;
}

async function runOnce(ctx: Ctx, run: number, layout: Layout): Promise<RunResult> {
  const { client, sfn, items } = ctx;
  const { children, failures, batch } = state;
  Object.assign(state, { broken: true, layout });
  perChild = new Uint16Array(children);
  log(`run ${run} ${layout}: first attempt, ${items} items in ${children} children, ${failures} failing`);
  let started = performance.now();
  const { executionArn } = await sfn.startExecution({ stateMachineArn: ctx.stateMachineArn, input: '{}' });
  const parent = await sfn.waitForExecution({ executionArn });
  const firstS = (performance.now() - started) / 1000;
  if (parent.status !== 'SUCCEEDED') throw new Error(`the first attempt ended ${parent.status}: ${parent.cause}`);
  const mapRunArn = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  const first = await sfn.describeMapRun({ mapRunArn });
  expect(first.executionCounts.failed === failures, `first attempt: ${first.executionCounts.failed} children failed`);
  expect(first.itemCounts.failed === failures * batch, `first attempt: ${first.itemCounts.failed} items failed`);
  expect(first.itemCounts.succeeded === items - failures * batch, 'first attempt: succeeded items');
  checkCalls(perChild, () => 1, 'first attempt');

  const probe = ctx.probe ? await probeReads(client, sfn, mapRunArn, executionArn) : undefined;
  state.broken = false;
  perChild = new Uint16Array(children);
  log(`run ${run} ${layout}: first attempt ${firstS.toFixed(1)} s; heap settled in ${settleHeap().toFixed(0)} ms`);
  started = performance.now();
  await sfn.redriveMapRun({ mapRunArn });
  const callS = (performance.now() - started) / 1000;
  // The Map Run's next run, followed by its close event (a long poll, no polling load on the worker)...
  await client.workflow.getHandle(mapRunArn).result();
  const closedS = (performance.now() - started) / 1000;
  // ...then confirmed as a user would see it.
  const repaired = await sfn.describeMapRun({ mapRunArn });
  const repairS = (performance.now() - started) / 1000;
  expect(repaired.status === 'SUCCEEDED' && repaired.redriveCount === 1, `repair: ${repaired.status}`);
  expect(repaired.executionCounts.failed === 0 && repaired.itemCounts.succeeded === items, 'repair: counts');
  checkCalls(perChild, (child) => (failing(child) ? 1 : 0), 'repair');
  const result: RunResult = {
    run,
    layout,
    firstS,
    firstOwnS: (parent.stopDate!.getTime() - parent.startDate.getTime()) / 1000,
    callS,
    closedS,
    repairS,
    repairOwnS: (repaired.stopDate!.getTime() - repaired.redriveDate!.getTime()) / 1000,
    ...(probe ? { probe, timeline: await repairTimeline(client, mapRunArn) } : {}),
  };
  log(`run ${run} ${layout}: repair ${repairS.toFixed(2)} s, ${pct(repairS / firstS)} of the first attempt`);
  return result;
}

function checkCalls(calls: Uint16Array, expected: (child: number) => number, phase: string): void {
  const wrong = [...calls.keys()].filter((child) => calls[child] !== expected(child));
  const total = calls.reduce((sum, n) => sum + n, 0);
  expect(wrong.length === 0, `${phase}: ${wrong.length} children with unexpected handler calls (${wrong[0]})`);
  expect(oddBatches === 0, `${oddBatches} batches were not whole runs of consecutive items`);
  log(`${phase}: ${total} handler calls, each child as expected`);
}

function report(items: number, results: RunResult[], layouts: Layout[]): void {
  const { batch, children, failures } = state;
  console.log(
    `\nRepair of an Express Map Run: ${items} items, MaxItemsPerBatch ${batch} (${children} children), ` +
      `${failures} children failing until fixed; repair = redriveMapRun to DescribeMapRun SUCCEEDED\n`,
  );
  const head = ['run', 'layout', 'first s (own)', 'call s', 'closed s', 'repair s (own)', 'repair / first (own)'];
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => ' --- |').join('')}`);
  for (const r of results) {
    const cells = [
      r.run,
      r.layout,
      `${r.firstS.toFixed(2)} (${r.firstOwnS.toFixed(2)})`,
      r.callS.toFixed(2),
      r.closedS.toFixed(2),
      `${r.repairS.toFixed(2)} (${r.repairOwnS.toFixed(2)})`,
      `**${pct(r.repairS / r.firstS)}** (${pct(r.repairOwnS / r.firstOwnS)})`,
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  for (const layout of layouts) {
    const mine = results.filter((r) => r.layout === layout);
    const ratio = median(mine.map((r) => r.repairS / r.firstS));
    const own = median(mine.map((r) => r.repairOwnS / r.firstOwnS));
    console.log(`\n${layout}: median repair / first ${pct(ratio)} (own dates ${pct(own)}), target <= 2%`);
  }
  const probes = results.filter((r) => r.probe);
  if (probes.length > 0) {
    console.log('\nreads of the closed Map Run, each alone, before the repair (s):');
    for (const r of probes) console.log(`  run ${r.run} ${r.layout}: ${JSON.stringify(r.probe)}`);
    console.log('\nthe repair run, from its history (s from its start; activities: count, first scheduled-last done):');
    for (const r of probes) console.log(`  run ${r.run} ${r.layout}: ${JSON.stringify(r.timeline)}`);
  }
}

function expect(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
