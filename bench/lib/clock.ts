/**
 * Times one variant run: wall time, and CPU seconds of the dev server, of this bench process and of the whole
 * machine over the same interval (stop() is called the moment the run's result is in).
 */
import { machineBusySeconds, processCpuSeconds } from './proc-stats';

export interface ClockReading {
  wallMs: number;
  serverCpuS?: number;
  benchCpuS: number;
  machineBusyS?: number;
}

export interface Clock {
  stop(): ClockReading;
  reading(): ClockReading | undefined;
}

export function startClock(serverPid: number | undefined): Clock {
  const wall = performance.now();
  const server = processCpuSeconds(serverPid);
  const bench = process.cpuUsage();
  const busy = machineBusySeconds();
  let reading: ClockReading | undefined;
  const delta = (end: number | undefined, start: number | undefined) =>
    end !== undefined && start !== undefined ? end - start : undefined;
  return {
    stop() {
      if (reading) return reading;
      const benchCpu = process.cpuUsage(bench);
      const serverCpuS = delta(processCpuSeconds(serverPid), server);
      const machineBusyS = delta(machineBusySeconds(), busy);
      reading = {
        wallMs: performance.now() - wall,
        ...(serverCpuS !== undefined ? { serverCpuS } : {}),
        benchCpuS: (benchCpu.user + benchCpu.system) / 1e6,
        ...(machineBusyS !== undefined ? { machineBusyS } : {}),
      };
      return reading;
    },
    reading: () => reading,
  };
}
