/**
 * What the `hold` handler (held-handlers.ts) reports, one file per worker process, and how tests read it. Kept out
 * of the handler module, whose every exported function a worker registers as a Task handler.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface HeldReport {
  pid: number;
  calls: number;
  running: number;
  maxRunning: number;
  finished: number;
  cancelled: number;
  /** When the first and the last call started (epoch ms): how fast the worker took up its tasks. */
  firstStart: number;
  lastStart: number;
  /** CPU the worker process had used (user + system, ms) at the first call and at the last write. */
  cpuMsAtFirstStart: number;
  cpuMs: number;
}

/** Every worker process's report in `reportDir`. */
export function readHeldReports(reportDir: string): HeldReport[] {
  if (!fs.existsSync(reportDir)) return [];
  return fs
    .readdirSync(reportDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => readReport(path.join(reportDir, file)));
}

function readReport(file: string): HeldReport {
  for (let attempt = 1; ; attempt++) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as HeldReport;
    } catch (error) {
      // Caught in the middle of a write: the whole file is there a moment later.
      if (attempt === 100) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
