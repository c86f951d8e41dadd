/**
 * The bench's tables (markdown, to paste into bench/RESULTS.md): one row per variant run, then where each run's
 * events went, by workflow type.
 */
import type { BenchOptions } from './args';
import type { ClockReading } from './clock';
import type { ProfileSummary } from './cpu-profile';
import type { RunHistoryStats } from './history-stats';
import type { VariantOutcome } from './variants';
import type { WorkerStats } from './worker-protocol';

export type Variant = 'baseline' | 'map-run';

export interface RunRow {
  rep: number;
  variant: Variant;
  outcome: VariantOutcome;
  clock?: ClockReading;
  worker?: WorkerStats;
  history?: RunHistoryStats;
  profiles?: ProfileSummary[];
}

const MB = 1024 * 1024;

export function printRuns(options: BenchOptions, rows: RunRow[]): void {
  const header = [
    'run',
    'variant',
    'type',
    'items',
    'batch',
    'conc.',
    'workers',
    'children',
    'wall s',
    'items/s',
    'ratio MR/BL',
    'max history (workflow type)',
    'events/child',
    'max history MB',
    'workflows',
    'peak worker RSS MB',
    'worker CPU s',
    'server CPU s',
    'server CPU s by process',
    'CPU ratio MR/BL',
    'other CPU s',
    'result',
  ];
  const lines = rows.map((row) => {
    const wall = row.clock ? row.clock.wallMs / 1000 : undefined;
    const baseline = rows.find((r) => r.rep === row.rep && r.variant === 'baseline')?.clock?.wallMs;
    const ratio = row.clock && baseline ? row.clock.wallMs / baseline : undefined;
    const workerCpu = workerCpuOf(row);
    const baselineRow = rows.find((r) => r.rep === row.rep && r.variant === 'baseline');
    const cpuRatio =
      engineCpu(row) !== undefined && baselineRow ? engineCpu(row)! / engineCpu(baselineRow)! : undefined;
    const other =
      row.clock?.machineBusyS !== undefined && row.clock.serverCpuS !== undefined && workerCpu !== undefined
        ? row.clock.machineBusyS - row.clock.serverCpuS - row.clock.benchCpuS - workerCpu
        : undefined;
    const peak = row.worker ? (row.worker.peakRssKernel ?? row.worker.peakRssSampled) / MB : undefined;
    const h = row.history;
    return [
      String(row.rep),
      row.variant,
      options.type,
      String(options.items),
      String(options.batch),
      String(options.concurrency),
      String(options.workers),
      String(row.outcome.children),
      fixed(wall, 1),
      wall ? fixed(row.outcome.itemsDone / wall, 0) : '-',
      fixed(ratio, 2),
      h ? `${h.maxHistory} (${h.maxHistoryType})` : '-',
      h && row.outcome.children ? fixed(h.totalEvents / row.outcome.children, 1) : '-',
      h ? fixed(h.maxHistoryBytes / MB, 2) : '-',
      h ? String(h.workflows) : '-',
      fixed(peak, 0),
      fixed(workerCpu, 1),
      fixed(row.clock?.serverCpuS, 1),
      byProcess(row.clock?.serverCpuByProcess),
      fixed(cpuRatio, 2),
      fixed(other, 1),
      row.outcome.error ? `FAILED: ${row.outcome.error}` : 'ok',
    ];
  });
  console.log(markdownTable(header, lines));
  const walls = (variant: Variant) =>
    rows.filter((r) => r.variant === variant && r.clock && !r.outcome.error).map((r) => r.clock!.wallMs / 1000);
  const [baseline, mapRun] = [walls('baseline'), walls('map-run')];
  if (baseline.length > 0 && mapRun.length > 0) {
    const [b, m] = [median(baseline), median(mapRun)];
    console.log(`\nMedian wall time: baseline ${fixed(b, 1)} s, Map Run ${fixed(m, 1)} s, ratio ${fixed(m / b, 2)}x`);
    const cpu = (variant: Variant) =>
      rows.filter((r) => r.variant === variant && !r.outcome.error).flatMap((r) => engineCpu(r) ?? []);
    const [bc, mc] = [cpu('baseline'), cpu('map-run')];
    if (bc.length > 0 && mc.length > 0) {
      const [b2, m2] = [median(bc), median(mc)];
      console.log(
        `Median worker+server CPU: baseline ${fixed(b2, 1)} s, Map Run ${fixed(m2, 1)} s, ratio ${fixed(m2 / b2, 2)}x`,
      );
    }
  }
}

export function printEventBreakdown(rows: RunRow[]): void {
  const header = [
    'run',
    'variant',
    'workflow type',
    'workflows',
    'max history',
    'max history MB',
    'total events',
    'total MB',
    'largest: events by type',
  ];
  const lines = rows.flatMap((row) =>
    (row.history?.byType ?? []).map((t) => [
      String(row.rep),
      row.variant,
      t.type,
      String(t.workflows),
      String(t.maxHistory),
      fixed(t.maxHistoryBytes / MB, 2),
      String(t.totalEvents),
      fixed(t.totalBytes / MB, 1),
      t.fetchError
        ? `(history not fetched: ${t.fetchError})`
        : Object.entries(t.largestEvents ?? {})
            .map(([name, n]) => `${name} ${n}`)
            .join(', '),
    ]),
  );
  console.log(markdownTable(header, lines));
}

function workerCpuOf(row: RunRow): number | undefined {
  return row.worker ? (row.worker.cpuUserMs + row.worker.cpuSystemMs) / 1000 : undefined;
}

/**
 * Worker plus server CPU seconds: on a 2-core machine that both saturate, this is the cost of the run, and far
 * less disturbed than wall time by other processes sharing the cores.
 */
function engineCpu(row: RunRow): number | undefined {
  const worker = workerCpuOf(row);
  return worker !== undefined && row.clock?.serverCpuS !== undefined ? worker + row.clock.serverCpuS : undefined;
}

/** `frontend 10.2, history 80.3, ..., postgres 61.0` */
function byProcess(cpu: Record<string, number> | undefined): string {
  return cpu
    ? Object.entries(cpu)
        .map(([name, seconds]) => `${name} ${seconds.toFixed(1)}`)
        .join(', ')
    : '-';
}

function markdownTable(header: string[], lines: string[][]): string {
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A ratio as a percentage with one decimal. */
export function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** A command-line count: a positive integer, or an error naming the flag. */
export function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive integer, not ${value}`);
  return n;
}
