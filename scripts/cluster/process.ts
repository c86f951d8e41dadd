/**
 * One child process of the cluster (PostgreSQL or a Temporal service): its output appended to a log file, its exit
 * observed, stopped with a signal and then SIGKILL after a grace period (the dev server's gracefulStop).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { gracefulStop } from '../dev-server/graceful-stop';

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
}

export interface ManagedProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Resolves with the exit code, or the signal's name, once the process has exited. */
  exited: Promise<number | string>;
  /** undefined while it runs, else how it ended (for error messages). */
  exitReason(): string | undefined;
  /** `signal` (default SIGTERM), SIGKILL after `graceMs`; resolves once it has exited. Idempotent. */
  stop(graceMs: number, signal?: NodeJS.Signals): Promise<void>;
  /** SIGKILL, as a crash would; resolves once it has exited. */
  kill(): Promise<void>;
  /** The last lines this run wrote to its log. */
  tail(lines?: number): string;
}

export function spawnManaged(options: SpawnOptions): ManagedProcess {
  const { name, command, args, logFile } = options;
  // Appended, not truncated, so the log of a crashed run survives the next start; a header separates runs.
  const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  fs.appendFileSync(logFile, `\n=== ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  const out = fs.openSync(logFile, 'a');
  // detached: its own process group, so a Ctrl-C in the terminal reaches only us, and we stop the cluster in order
  // (services first, PostgreSQL last) instead of every process at once.
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);

  let reason: string | undefined;
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (err) => {
      reason = `could not start: ${err.message}`;
      resolve(-1);
    });
    child.once('exit', (code, signal) => {
      reason ??= signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve(signal ?? code ?? -1);
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> =>
    (stopping ??= reason === undefined ? gracefulStop(child, exited, graceMs, signal) : Promise.resolve());

  return {
    name,
    pid: child.pid ?? -1,
    logFile,
    exited,
    exitReason: () => reason,
    stop,
    kill: async () => {
      if (reason === undefined) child.kill('SIGKILL');
      await exited;
    },
    tail: (lines = 30) => logTail(logFile, logStart, lines),
  };
}

/** The server logs JSON lines with whole stack traces: each line is cut at 400 characters to keep tails readable. */
export function logTail(file: string, fromByte: number, lines: number): string {
  try {
    const text = fs.readFileSync(file).subarray(fromByte).toString('utf8').trimEnd();
    const cut = (line: string) => (line.length > 400 ? `${line.slice(0, 400)}…` : line);
    return text.split('\n').slice(-lines).map(cut).join('\n');
  } catch {
    return '';
  }
}
