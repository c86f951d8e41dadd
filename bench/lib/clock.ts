/**
 * Times one variant run: wall time, and CPU seconds of the server's processes (the dev server, or each service of a
 * cluster and PostgreSQL), of this bench process and of the whole
 * machine over the same interval (stop() is called the moment the run's result is in).
 */
import { machineBusySeconds, processTreesCpuSeconds } from './proc-stats';

export interface ClockReading {
  wallMs: number;
  /** The sum of `serverCpuByProcess`, when every process was measured. */
  serverCpuS?: number;
  /** CPU seconds of each server process (with its children), by name: `server`, or `frontend` ... `postgres`. */
  serverCpuByProcess?: Record<string, number>;
  benchCpuS: number;
  machineBusyS?: number;
}

export interface Clock {
  stop(): ClockReading;
  reading(): ClockReading | undefined;
}

export function startClock(serverProcesses: Record<string, number>): Clock {
  const wall = performance.now();
  const server = processTreesCpuSeconds(serverProcesses);
  const bench = process.cpuUsage();
  const busy = machineBusySeconds();
  let reading: ClockReading | undefined;
  const delta = (end: number | undefined, start: number | undefined) =>
    end !== undefined && start !== undefined ? end - start : undefined;
  return {
    stop() {
      if (reading) return reading;
      const benchCpu = process.cpuUsage(bench);
      const serverEnd = processTreesCpuSeconds(serverProcesses);
      const byProcess = Object.keys(serverProcesses).map(
        (name) => [name, delta(serverEnd[name], server[name])] as const,
      );
      const measured = byProcess.length > 0 && byProcess.every(([, s]) => s !== undefined);
      const serverCpuByProcess = measured ? (Object.fromEntries(byProcess) as Record<string, number>) : undefined;
      const serverCpuS = serverCpuByProcess
        ? Object.values(serverCpuByProcess).reduce((sum, s) => sum + s, 0)
        : undefined;
      const machineBusyS = delta(machineBusySeconds(), busy);
      reading = {
        wallMs: performance.now() - wall,
        ...(serverCpuS !== undefined ? { serverCpuS, serverCpuByProcess } : {}),
        benchCpuS: (benchCpu.user + benchCpu.system) / 1e6,
        ...(machineBusyS !== undefined ? { machineBusyS } : {}),
      };
      return reading;
    },
    reading: () => reading,
  };
}
