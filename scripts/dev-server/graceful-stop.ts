import type { ChildProcess } from 'node:child_process';

/**
 * `signal` (default SIGTERM), then SIGKILL after `graceMs`; resolves once the process has exited. Shared by the
 * server bootstraps (PostgreSQL's fast shutdown is SIGINT: SIGTERM would wait for its clients to disconnect).
 */
export async function gracefulStop(
  child: ChildProcess,
  exited: Promise<unknown>,
  graceMs: number,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
