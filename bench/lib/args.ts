/**
 * Command line of `bench/map-run.bench.ts`.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CHILDREN_PER_PARTITION } from '../baseline/pages';
import type { WorkerTuning } from './worker-protocol';

export interface BenchOptions {
  items: number;
  type: 'EXPRESS' | 'STANDARD';
  /** Items per child: 1 means no ItemBatcher; more sets ItemBatcher.MaxItemsPerBatch. */
  batch: number;
  concurrency: number;
  reader: 'state' | 'jsonl';
  repeat: number;
  only?: 'baseline' | 'map-run';
  /** Odd runs start with the Map Run instead of the baseline. */
  mapRunFirst: boolean;
  resultWriter: boolean;
  childrenPerPartition: number;
  /** Experiment: baseline STANDARD children carry the engine's search attributes (start and close). */
  baselineSearchAttributes: boolean;
  /** Experiment: baseline STANDARD children call their activity with the engine's Task activity options. */
  baselineTaskOptions: boolean;
  timeoutMinutes: number;
  tuning: WorkerTuning;
  json?: string;
  keep: boolean;
  /** Experiment: engine bundle built with these `preloadModules` (see bundles.ts). */
  preloadModules: string[];
  /** Write a V8 CPU profile of each worker process and print where its time went. */
  cpuProf: boolean;
  /** Worker processes per variant run, all on the variant's task queue. */
  workers: number;
  /** The server's processes to measure, by name (else the dev server's, or a cluster's from its run file). */
  serverPids?: Record<string, number>;
  /** The state machine's logging level (with its data), to the worker's local log store; none: no configuration. */
  logging?: 'OFF' | 'ERROR' | 'FATAL' | 'ALL';
}

export const USAGE = `npx tsx bench/map-run.bench.ts [options]
  --items N              items (default 10000)
  --type EXPRESS|STANDARD child type (default EXPRESS)
  --batch B              ItemBatcher MaxItemsPerBatch; 1 = no ItemBatcher (default 1)
  --concurrency C        MaxConcurrency, and the baseline's window (default 1000)
  --reader state|jsonl   items in the state input, or from a JSONL file in local storage (default state)
  --repeat R             runs of each variant, alternating which goes first (default 1)
  --only baseline|map-run  run one variant only
  --map-run-first        odd runs start with the Map Run (default: with the baseline)
  --result-writer        Map Run writes its results with a ResultWriter (the baseline has no equivalent)
  --logging LEVEL        the state machine logs at OFF|ERROR|FATAL|ALL, with execution data, to the engine worker's
                         local log store (default: no loggingConfiguration)
  --partition-size P     baseline children per partition (default 250, the engine's)
  --baseline-search-attributes  experiment: baseline STANDARD children get the engine's search attributes
  --baseline-task-options  experiment: baseline STANDARD children's activity gets the engine's Task options
  --timeout-min M        give up on a variant run after M minutes (default 20)
  --max-activities N --max-wft N --max-cached N --wft-pollers N --activity-pollers N   worker tuning, both variants
  --json FILE            also write the raw results as JSON
  --keep                 keep the temporary data dir (server database, storage)
  --preload-modules M,N  experiment: bundle the engine's workflows with these modules preloaded (shared by all runs)
  --cpu-prof             profile each worker process (V8, all threads) and print its top functions
  --workers N            worker processes per variant run, on the same task queue (default 1)
  --server-pids name=pid,...  the server processes whose CPU to report (each with its children); default: the dev
                         server the bench starts, or for a profile file in a \`npm run cluster\` data folder the
                         services and PostgreSQL named by the run.json beside it
Env: TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE or TEMPORAL_ADDRESS: use that Temporal profile's server (its TLS and API
key too) instead of starting a dev server.`;

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      items: { type: 'string', default: '10000' },
      type: { type: 'string', default: 'EXPRESS' },
      batch: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '1000' },
      reader: { type: 'string', default: 'state' },
      repeat: { type: 'string', default: '1' },
      only: { type: 'string' },
      'map-run-first': { type: 'boolean', default: false },
      'result-writer': { type: 'boolean', default: false },
      'baseline-search-attributes': { type: 'boolean', default: false },
      'baseline-task-options': { type: 'boolean', default: false },
      'partition-size': { type: 'string', default: String(DEFAULT_CHILDREN_PER_PARTITION) },
      'timeout-min': { type: 'string', default: '20' },
      'max-activities': { type: 'string' },
      'max-wft': { type: 'string' },
      'max-cached': { type: 'string' },
      'wft-pollers': { type: 'string' },
      'activity-pollers': { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      'preload-modules': { type: 'string' },
      workers: { type: 'string', default: '1' },
      'server-pids': { type: 'string' },
      logging: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const type = values.type.toUpperCase();
  if (type !== 'EXPRESS' && type !== 'STANDARD') throw new Error(`--type must be EXPRESS or STANDARD\n${USAGE}`);
  if (values.reader !== 'state' && values.reader !== 'jsonl') throw new Error(`--reader must be state or jsonl`);
  const logging = values.logging?.toUpperCase();
  if (logging !== undefined && !['OFF', 'ERROR', 'FATAL', 'ALL'].includes(logging))
    throw new Error(`--logging must be OFF, ERROR, FATAL or ALL`);
  if (values.only !== undefined && values.only !== 'baseline' && values.only !== 'map-run')
    throw new Error(`--only must be baseline or map-run`);
  return {
    items: positive('items', values.items),
    type,
    batch: positive('batch', values.batch),
    concurrency: positive('concurrency', values.concurrency),
    reader: values.reader,
    repeat: positive('repeat', values.repeat),
    ...(values.only ? { only: values.only } : {}),
    mapRunFirst: values['map-run-first'],
    resultWriter: values['result-writer'],
    childrenPerPartition: positive('partition-size', values['partition-size']),
    baselineSearchAttributes: values['baseline-search-attributes'],
    baselineTaskOptions: values['baseline-task-options'],
    timeoutMinutes: positive('timeout-min', values['timeout-min']),
    tuning: {
      maxConcurrentActivityTaskExecutions: optional('max-activities', values['max-activities']),
      maxConcurrentWorkflowTaskExecutions: optional('max-wft', values['max-wft']),
      maxCachedWorkflows: optional('max-cached', values['max-cached']),
      maxConcurrentWorkflowTaskPolls: optional('wft-pollers', values['wft-pollers']),
      maxConcurrentActivityTaskPolls: optional('activity-pollers', values['activity-pollers']),
    },
    ...(values.json ? { json: values.json } : {}),
    keep: values.keep,
    cpuProf: values['cpu-prof'],
    preloadModules: values['preload-modules']?.split(',').filter(Boolean) ?? [],
    workers: positive('workers', values.workers),
    ...(logging ? { logging: logging as BenchOptions['logging'] } : {}),
    ...(values['server-pids'] ? { serverPids: serverPids(values['server-pids']) } : {}),
  };
}

/** `frontend=12,history=13,postgres=14` */
function serverPids(value: string): Record<string, number> {
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const [name, pid] = pair.split('=');
      if (!name || !pid) throw new Error(`--server-pids takes name=pid,name=pid..., got '${value}'`);
      return [name, positive('server-pids', pid)];
    }),
  );
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

function optional(name: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : positive(name, value);
}
