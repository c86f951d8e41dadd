/**
 * CPU time from /proc, to show where a run's time went on a small machine: the dev server's CPU seconds, and
 * the whole machine's busy seconds (so the work of other processes sharing the cores is visible as noise).
 * Linux only; elsewhere the numbers are absent.
 */
import * as fs from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process, in seconds. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields overall.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Busy CPU seconds of the whole machine, summed over all cores (everything but idle and iowait). */
export function machineBusySeconds(): number | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, ...values] = line.trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal; guest time is already inside user and nice.
    const ticks = values.slice(0, 8).map(Number);
    const total = ticks.reduce((sum, t) => sum + t, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return (total - idle) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
