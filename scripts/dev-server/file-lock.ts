import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Log } from './defaults';

/** A lock older than this is abandoned even if its pid looks alive (pid reuse, or a different host). */
const STALE_AFTER_MS = 60 * 60 * 1000;
const POLL_MS = 1000;

interface LockOwner {
  pid: number;
  host: string;
  since: number;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.since === 'number') {
      return { pid: owner.pid, host: String(owner.host ?? ''), since: owner.since };
    }
  } catch {
    // Unreadable or half-written: treated as stale below unless it is fresh.
  }
  return undefined;
}

function isStale(lockPath: string, owner: LockOwner | undefined): boolean {
  if (!owner) {
    // The owner may be between create and write: give it a moment before calling the lock abandoned.
    const stat = fs.statSync(lockPath, { throwIfNoEntry: false });
    return !stat || Date.now() - stat.mtimeMs > 10_000;
  }
  if (Date.now() - owner.since > STALE_AFTER_MS) return true;
  return owner.host === os.hostname() && !isProcessAlive(owner.pid);
}

/**
 * Cross-process mutual exclusion via an exclusively created file (works on any local filesystem, no native deps).
 * Used so that parallel test files don't run `go install` into the same folder at once.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, log?: Log): Promise<T> {
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: Date.now() }));
      fs.closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    try {
      const owner = readOwner(lockPath);
      if (isStale(lockPath, owner)) {
        log?.(`Removing stale lock ${lockPath}${owner ? ` (pid ${owner.pid})` : ''}`);
        fs.rmSync(lockPath, { force: true });
        continue;
      }
      if (!announced && log) {
        log(`Waiting for another process${owner ? ` (pid ${owner.pid})` : ''} holding ${lockPath}…`);
        announced = true;
      }
    } catch (err) {
      // The lock vanished between our checks: just retry.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      continue;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockPath, { force: true });
  }
}
