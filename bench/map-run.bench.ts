/**
 * Map Run benchmark: the engine's Distributed Map over N items against a hand-written plain-Temporal fan-out of
 * the same items (bench/baseline), same handler, same server, same worker tuning, in the same run. Prints one
 * markdown row per variant run (wall time, items/s, ratio, largest history, events per child, peak worker RSS,
 * CPU seconds of worker, server and everything else), then the event breakdown by workflow type.
 *
 *   npx tsx bench/map-run.bench.ts --items 10000 --type EXPRESS|STANDARD [--batch 100] [--concurrency N]
 *       [--reader jsonl] [--repeat 2] [--result-writer] [--help for the rest]
 *
 * Starts its own dev server (fresh temp data dir, free port, headless, SQLite WAL) unless a Temporal profile names a
 * server (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE or TEMPORAL_ADDRESS: a cluster, with its TLS and API key), and a
 * fresh worker process per variant run (--workers N: N of them on the same task queue). Not a test: CI never runs it.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, type Connection } from '@temporalio/client';
import { jsonByteLength } from '../asl/json';
import { MAX_PAYLOAD_BYTES } from '../asl/interpreter/limits';
import { StepFunctions } from '../client';
import { connectTemporal } from '../client/connect';
import { parseBenchArgs, type BenchOptions } from './lib/args';
import { writeBundles, type BundlePaths } from './lib/bundles';
import { startClock } from './lib/clock';
import { printProfiles, summariseProfiles } from './lib/cpu-profile';
import { benchDefinition, benchLogging } from './lib/definition';
import { runHistoryStats } from './lib/history-stats';
import { RESULTS_BUCKET, stateItems, writeJsonlItems } from './lib/items';
import { printEventBreakdown, printRuns, type RunRow, type Variant } from './lib/report';
import { benchServer, type BenchServer } from './lib/server';
import { runBaseline, runMapRun, type VariantContext } from './lib/variants';
import { startWorkerProcess, type WorkerProcess } from './lib/worker-host';
import type { WorkerStats } from './lib/worker-protocol';

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-bench-'));
  const storageDir = path.join(dir, 'storage');
  // Buckets must exist, as in S3.
  fs.mkdirSync(path.join(storageDir, RESULTS_BUCKET), { recursive: true });
  const items = prepareItems(options, storageDir);
  printHeader(options);

  let server: BenchServer | undefined;
  let connection: Connection | undefined;
  let workers: WorkerProcess[] = [];
  const cleanUp = async () => {
    for (const worker of workers) worker.kill();
    await connection?.close().catch(() => undefined);
    await server?.stop();
    if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }

  try {
    server = await benchServer(path.join(dir, 'server'), log, options.serverPids);
    const bundles = await writeBundles(dir, options.preloadModules);
    connection = await connectTemporal(server.settings);
    const client = new Client({ connection, namespace: server.namespace });
    const id = randomUUID().slice(0, 8);
    const engineQueue = `bench-engine-${id}`;
    const sfn = new StepFunctions({
      client,
      taskQueue: engineQueue,
      scope: { region: 'us-east-1', account: '000000000000' },
    });
    let stateMachine: Promise<string> | undefined;
    const ctx: VariantContext = {
      client,
      sfn,
      options,
      baselineQueue: `bench-baseline-${id}`,
      storageDir,
      stateMachineArn: () =>
        (stateMachine ??= sfn
          .createStateMachine({
            name: `bench-${id}`,
            definition: benchDefinition({ ...options, ...items.definition }),
            ...benchLogging(options.logging),
          })
          .then((created) => created.stateMachineArn)),
      ...items.context,
    };

    const rows: RunRow[] = [];
    for (let rep = 1; rep <= options.repeat; rep++) {
      // Alternating which variant goes first spreads the effect of a warmer (or fuller) server over both.
      const baselineFirst = (rep % 2 === 1) !== options.mapRunFirst;
      const order: Variant[] = baselineFirst ? ['baseline', 'map-run'] : ['map-run', 'baseline'];
      for (const variant of order.filter((v) => !options.only || v === options.only)) {
        const profileDir = options.cpuProf ? path.join(dir, 'profiles', `${variant}-${rep}`) : undefined;
        const setup: RunSetup = { ctx, server, bundles, storageDir, engineQueue, profileDir };
        rows.push(await runOne(rep, variant, setup, (running) => (workers = running)));
      }
    }
    console.log('');
    printRuns(options, rows);
    console.log('');
    printEventBreakdown(rows);
    for (const row of rows) if (row.profiles) printProfiles(`run ${row.rep} ${row.variant}`, row.profiles);
    if (options.json) fs.writeFileSync(options.json, JSON.stringify({ options, rows }, null, 2));
    if (rows.some((row) => row.outcome.error)) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

interface RunSetup {
  ctx: VariantContext;
  server: BenchServer;
  bundles: BundlePaths;
  storageDir: string;
  engineQueue: string;
  /** Set with --cpu-prof: where the worker process writes its V8 profiles. */
  profileDir?: string;
}

/**
 * One variant run with fresh worker processes (--workers of them, on the same task queue). `track` learns the running
 * workers, so that an interrupted bench can kill them.
 */
async function runOne(
  rep: number,
  variant: Variant,
  setup: RunSetup,
  track: (workers: WorkerProcess[]) => void,
): Promise<RunRow> {
  const { ctx, server, bundles, profileDir } = setup;
  const engine = variant === 'map-run';
  const config = {
    address: server.address,
    fromProfile: server.fromProfile,
    namespace: server.namespace,
    taskQueue: engine ? setup.engineQueue : ctx.baselineQueue,
    kind: engine ? ('engine' as const) : ('baseline' as const),
    bundlePath: engine ? bundles.engine : bundles.baseline,
    storageDir: setup.storageDir,
    logsDir: path.join(path.dirname(setup.storageDir), 'logs-data'),
    tuning: ctx.options.tuning,
  };
  const workers: WorkerProcess[] = [];
  track(workers);
  for (let n = 1; n <= ctx.options.workers; n++) {
    workers.push(await startWorkerProcess(config, profileDir));
  }
  // The state machine is a workflow too: create it while an engine worker is up, outside the timed part.
  if (engine) await ctx.stateMachineArn();
  log(`run ${rep}: ${variant} started`);
  const clock = startClock(server.processes);
  const outcome = engine ? await runMapRun(ctx, clock) : await runBaseline(ctx, clock);
  if (outcome.resultFiles) {
    const { files, records } = outcome.resultFiles;
    log(
      `run ${rep}: ResultWriter wrote ${files} SUCCEEDED files, ${records} records${outcome.error ? '' : ', every item exactly once'}`,
    );
  }
  const reading = clock.stop();
  const workerStats = combineWorkerStats(await Promise.all(workers.map((worker) => worker.stop())));
  track([]);
  // The workers flush their logs as they stop: what this run (and the ones before) wrote.
  if (engine && ctx.options.logging) log(`run ${rep}: log store holds ${logRecords(config.logsDir)}`);
  log(
    `run ${rep}: ${variant} ${outcome.error ? `FAILED (${outcome.error})` : 'ok'} in ${(reading.wallMs / 1000).toFixed(1)} s; ` +
      'collecting history lengths',
  );
  const history = await runHistoryStats(ctx.client, outcome.rootId).catch((error: unknown) => {
    log(`history stats failed: ${String(error)}`);
    return undefined;
  });
  const profiles = profileDir ? summariseProfiles(profileDir) : undefined;
  return {
    rep,
    variant,
    outcome,
    clock: reading,
    worker: workerStats,
    ...(history ? { history } : {}),
    ...(profiles ? { profiles } : {}),
  };
}

/** Records and bytes in a local log store's files (one JSON record per line). */
function logRecords(dataDir: string): string {
  let records = 0;
  let bytes = 0;
  const root = path.join(dataDir, 'logs');
  if (!fs.existsSync(root)) return '0 records';
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    bytes += Buffer.byteLength(text);
    records += text.split('\n').filter(Boolean).length;
  }
  return `${records.toLocaleString()} records, ${(bytes / 1e6).toFixed(1)} MB`;
}

/** Several workers' figures as one: CPU summed, peak RSS the largest of any one process. */
function combineWorkerStats(stats: WorkerStats[]): WorkerStats {
  const largest = (values: (number | undefined)[]) =>
    values.every((v) => v !== undefined) ? Math.max(...(values as number[])) : undefined;
  const peakRssKernel = largest(stats.map((s) => s.peakRssKernel));
  return {
    peakRssSampled: Math.max(...stats.map((s) => s.peakRssSampled)),
    ...(peakRssKernel !== undefined ? { peakRssKernel } : {}),
    cpuUserMs: stats.reduce((sum, s) => sum + s.cpuUserMs, 0),
    cpuSystemMs: stats.reduce((sum, s) => sum + s.cpuSystemMs, 0),
  };
}

/** The items of this run: in the state input (checked against the 256 KiB input quota) or as a JSONL object. */
function prepareItems(options: BenchOptions, storageDir: string) {
  if (options.reader === 'jsonl') {
    const { key, file } = writeJsonlItems(storageDir, options.items);
    return { definition: { jsonlKey: key }, context: { stateInput: '{}', jsonlFile: file } };
  }
  const items = stateItems(options.items);
  if (jsonByteLength({ items }) > MAX_PAYLOAD_BYTES) {
    throw new Error(`${options.items} items do not fit the 256 KiB state input; use --reader jsonl`);
  }
  return { definition: {}, context: { stateInput: JSON.stringify({ items }), baselineItems: items } };
}

/** The engine code measured: the commit, and how many engine files differ from it (others edit concurrently). */
function engineRevision(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
    const head = git('rev-parse', '--short', 'HEAD').trim();
    const dirty = git('status', '--porcelain', 'workflows', 'activities', 'asl', 'worker').split('\n').filter(Boolean);
    return dirty.length ? `${head} + ${dirty.length} uncommitted engine files` : head;
  } catch {
    return 'unknown';
  }
}

function printHeader(options: BenchOptions): void {
  const cpus = os.cpus();
  const tuning = Object.entries(options.tuning).filter(([, v]) => v !== undefined);
  console.log(`# Map Run benchmark, ${new Date().toISOString()}, engine at ${engineRevision()}`);
  console.log(
    `# ${options.type}, ${options.items} items, batch ${options.batch}, MaxConcurrency ${options.concurrency}, ` +
      `reader ${options.reader}${options.resultWriter ? ', ResultWriter' : ''}, baseline partitions of ` +
      `${options.childrenPerPartition}${options.baselineSearchAttributes ? " with the engine's search attributes" : ''}` +
      `${options.baselineTaskOptions ? " with the engine's Task activity options" : ''}, ` +
      `repeat ${options.repeat}, ${options.workers} worker process${options.workers > 1 ? 'es' : ''} per run` +
      (options.preloadModules.length ? `; engine bundle preloads ${options.preloadModules.join(' ')}` : ''),
  );
  console.log(
    `# machine: ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `Node ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; worker tuning: ${tuning.length ? tuning.map(([k, v]) => `${k}=${v}`).join(' ') : 'SDK defaults'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
