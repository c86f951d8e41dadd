/**
 * A Task handler that counts itself, for the worker tests: `tsf worker --handlers test/helpers/held-handlers.ts`.
 * Each worker process keeps its own counters (how many calls, how many running now and at most, how many
 * finished or were cancelled) and writes them to `<reportDir>/<pid>.json` whenever they change, so a test reads
 * what the handler saw rather than what DescribeMapRun says.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HandlerContext } from '../../activities/handler-registry';
import { readHeldReports, type HeldReport } from './held-reports';

const report: HeldReport = {
  pid: process.pid,
  calls: 0,
  running: 0,
  maxRunning: 0,
  finished: 0,
  cancelled: 0,
  firstStart: 0,
  lastStart: 0,
  cpuMsAtFirstStart: 0,
  cpuMs: 0,
};

function cpuMs(): number {
  const cpu = process.cpuUsage();
  return Math.round((cpu.user + cpu.system) / 1000);
}

let pending: { reportDir: string; timer: NodeJS.Timeout } | undefined;

function writeNow(reportDir: string): void {
  fs.mkdirSync(reportDir, { recursive: true });
  report.cpuMs = cpuMs();
  // In place, no rename (a rename costs the worker's thread a journal write): readers retry a half-written file.
  fs.writeFileSync(path.join(reportDir, `${process.pid}.json`), JSON.stringify(report));
}

/**
 * At most one write per 200 ms, not two per call: a thousand calls starting together would otherwise spend the
 * worker's thread on files, slowing the very start-up the tests measure. A stopping worker writes what is left.
 */
function write(reportDir: string): void {
  if (pending) return;
  pending = { reportDir, timer: setTimeout(flush, 200) };
}

function flush(): void {
  if (!pending) return;
  clearTimeout(pending.timer);
  const { reportDir } = pending;
  pending = undefined;
  writeNow(reportDir);
}
process.on('exit', flush);

/**
 * Holds for `ms` milliseconds (cancellable through the context's signal), counted as described above; once some
 * worker has seen a cancelled attempt, holds `retryMs` instead (the run again after a worker stopped).
 */
export async function hold(event: { ms: number; retryMs?: number; reportDir: string }, context: HandlerContext) {
  const retried = event.retryMs !== undefined && readHeldReports(event.reportDir).some((r) => r.cancelled > 0);
  const ms = retried ? event.retryMs! : event.ms;
  report.calls++;
  report.lastStart = Date.now();
  if (!report.firstStart) {
    report.firstStart = report.lastStart;
    report.cpuMsAtFirstStart = cpuMs();
  }
  report.running++;
  report.maxRunning = Math.max(report.maxRunning, report.running);
  write(event.reportDir);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      context.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new Error('cancelled'));
      });
    });
    report.finished++;
    return { pid: process.pid };
  } catch (error) {
    report.cancelled++;
    throw error;
  } finally {
    report.running--;
    write(event.reportDir);
  }
}
