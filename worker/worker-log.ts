/**
 * The worker's log lines, the SDK's (Temporal's core included) and its own, each naming the worker by its
 * identity, the name the server shows for it too: lines from several workers in one log stream stay apart.
 */
import os from 'node:os';
import { inspect } from 'node:util';
import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';

/** The SDK's default identity, spelled out so that the logs and the server say the same. */
export function defaultIdentity(): string {
  return `${process.pid}@${os.hostname()}`;
}

export interface WorkerLog {
  /** For the SDK: its lines at `level` and above. */
  logger: DefaultLogger;
  /** The worker's own lines (ready, stopping, stopped), always written. */
  info(message: string): void;
}

export function workerLog(identity: string, level: LogLevel = 'WARN', write = stderrWrite): WorkerLog {
  return {
    logger: new DefaultLogger(level, (entry) => write(formatLine(identity, entry))),
    info: (message) => write(formatLine(identity, { level: 'INFO', message, timestampNanos: nowNanos() })),
  };
}

export function formatLine(identity: string, entry: LogEntry): string {
  const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  const meta = entry.meta ? ` ${inspect(entry.meta, { breakLength: Infinity, depth: 4 })}` : '';
  return `${time} ${entry.level} [${identity}] ${entry.message}${meta}\n`;
}

function nowNanos(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

function stderrWrite(line: string): void {
  process.stderr.write(line);
}
