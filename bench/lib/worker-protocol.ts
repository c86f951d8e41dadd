/**
 * What the bench and its worker process say to each other. The worker runs in a process of its own so that its
 * peak memory is its own, measured fresh for every variant.
 */

/** Worker options the bench may tune; the same values go to the engine's worker and the baseline's. */
export interface WorkerTuning {
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  maxCachedWorkflows?: number;
  maxConcurrentWorkflowTaskPolls?: number;
  maxConcurrentActivityTaskPolls?: number;
}

export interface WorkerProcessConfig {
  address: string;
  namespace: string;
  /** The server is the profile's: connect with its TLS and API key (resolved again from the inherited environment). */
  fromProfile?: boolean;
  taskQueue: string;
  /** `engine`: the engine's workflows and activities; `baseline`: bench/baseline. */
  kind: 'engine' | 'baseline';
  /** Pre-bundled workflow code (bundled once by the bench, not by every worker process). */
  bundlePath: string;
  storageDir: string;
  /** The engine worker's log store: a local one, `<logsDir>/logs/<group>/...` (TSF_DATA_DIR's layout). */
  logsDir: string;
  tuning: WorkerTuning;
}

export interface WorkerStats {
  /** Largest `process.memoryUsage().rss` seen, sampled every 200 ms. */
  peakRssSampled: number;
  /** The kernel's high-water mark of the process's RSS (VmHWM), when /proc has it. */
  peakRssKernel?: number;
  cpuUserMs: number;
  cpuSystemMs: number;
}

export type FromWorker = { type: 'ready' } | { type: 'stats'; stats: WorkerStats } | { type: 'error'; message: string };
export type ToWorker = { type: 'stop' };
