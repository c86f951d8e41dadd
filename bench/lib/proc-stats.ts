/**
 * CPU time from /proc, to show where a run's time went on a small machine: the CPU seconds of the server's
 * processes (the dev server, or each service of a cluster and PostgreSQL, each with its children), and
 * the whole machine's busy seconds (so the work of other processes sharing the cores is visible as noise).
 * Linux only; elsewhere the numbers are absent.
 */
import * as fs from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

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

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime: its own CPU and that of the children it has waited for, in ticks. */
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name: state ppid ... utime(12th) stime cutime cstime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return { pid, ppid: Number(fields[1]), ticks };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of each process tree (the process, every live descendant, and every descendant that has exited and
 * been waited for), in one scan of /proc. A tree, not one pid, because PostgreSQL forks a backend per connection
 * (and the postmaster reaps them, adding their CPU to its own `cutime`), so the postmaster's tree is all of
 * PostgreSQL. A pid that is gone counts as undefined.
 */
export function processTreesCpuSeconds(roots: Record<string, number>): Record<string, number | undefined> {
  let stats: ProcStat[];
  try {
    stats = fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((name) => readStat(Number(name)) ?? []);
  } catch {
    return Object.fromEntries(Object.keys(roots).map((name) => [name, undefined]));
  }
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const byPid = new Map(stats.map((stat) => [stat.pid, stat]));
  const treeTicks = (root: ProcStat): number => {
    let ticks = 0;
    const queue = [root];
    for (let next = queue.pop(); next; next = queue.pop()) {
      ticks += next.ticks;
      queue.push(...(children.get(next.pid) ?? []));
    }
    return ticks;
  };
  return Object.fromEntries(
    Object.entries(roots).map(([name, pid]) => {
      const root = byPid.get(pid);
      return [name, root ? treeTicks(root) / CLOCK_TICKS_PER_SECOND : undefined];
    }),
  );
}
