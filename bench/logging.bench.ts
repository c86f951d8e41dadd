/**
 * What execution logging costs an Express Map Run (#14 point 7): the same Map Run with the state machine logging
 * OFF, ERROR and ALL (with execution data, to the worker's local log store), each level run `--rounds` times in a
 * rotating order in this one script, and each level's median wall and worker CPU time as a ratio to OFF's.
 *
 *   npx tsx bench/logging.bench.ts [--items 100000] [--batch 100] [--rounds 2]
 *
 * Each run is `bench/map-run.bench.ts --only map-run --logging LEVEL` (its own dev server and worker process).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './lib/report';

const LEVELS = ['OFF', 'ERROR', 'ALL'] as const;
type Level = (typeof LEVELS)[number];

interface Run {
  level: Level;
  wallS: number;
  workerCpuS: number;
  error?: string;
}

function runOnce(level: Level, items: number, batch: number, dir: string, n: number): Run {
  const json = path.join(dir, `${level}-${n}.json`);
  execFileSync(
    'npx',
    [
      'tsx',
      path.join(__dirname, 'map-run.bench.ts'),
      ...[
        '--items',
        String(items),
        '--type',
        'EXPRESS',
        '--reader',
        'jsonl',
        '--batch',
        String(batch),
        '--only',
        'map-run',
      ],
      ...['--logging', level, '--json', json],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const { rows } = JSON.parse(fs.readFileSync(json, 'utf8')) as {
    rows: Array<{
      clock: { wallMs: number };
      worker: { cpuUserMs: number; cpuSystemMs: number };
      outcome: { error?: string };
    }>;
  };
  const row = rows[0]!;
  return {
    level,
    wallS: row.clock.wallMs / 1000,
    workerCpuS: (row.worker.cpuUserMs + row.worker.cpuSystemMs) / 1000,
    ...(row.outcome.error ? { error: row.outcome.error } : {}),
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '100000' },
      batch: { type: 'string', default: '100' },
      rounds: { type: 'string', default: '2' },
    },
  });
  const items = Number(values.items);
  const batch = Number(values.batch);
  const rounds = Number(values.rounds);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-logging-bench-'));
  const runs: Run[] = [];
  for (let round = 0; round < rounds; round++) {
    // Rotating the order spreads a warmer (or busier) machine over every level.
    const order = LEVELS.map((_, i) => LEVELS[(i + round) % LEVELS.length]!);
    for (const level of order) {
      const run = runOnce(level, items, batch, dir, round);
      console.error(
        `round ${round + 1}: ${level} ${run.wallS.toFixed(1)} s, worker CPU ${run.workerCpuS.toFixed(1)} s`,
      );
      runs.push(run);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const off = runs.filter((r) => r.level === 'OFF');
  const base = { wall: median(off.map((r) => r.wallS)), cpu: median(off.map((r) => r.workerCpuS)) };
  console.log(`\nExpress Map Run of ${items} items, batch ${batch}, ${rounds} rounds; medians, ratios to OFF\n`);
  console.log('| logging | wall s (runs) | wall / OFF | worker CPU s (runs) | CPU / OFF |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const level of LEVELS) {
    const mine = runs.filter((r) => r.level === level);
    const wall = median(mine.map((r) => r.wallS));
    const cpu = median(mine.map((r) => r.workerCpuS));
    const list = (pick: (r: Run) => number) => mine.map((r) => pick(r).toFixed(1)).join(', ');
    console.log(
      `| ${level} | ${wall.toFixed(1)} (${list((r) => r.wallS)}) | ${(wall / base.wall).toFixed(2)} | ` +
        `${cpu.toFixed(1)} (${list((r) => r.workerCpuS)}) | ${(cpu / base.cpu).toFixed(2)} |`,
    );
  }
  const failed = runs.filter((r) => r.error);
  if (failed.length > 0) {
    console.log(`\n${failed.length} run(s) failed: ${failed.map((r) => `${r.level}: ${r.error}`).join('; ')}`);
    process.exitCode = 1;
  }
}

main();
