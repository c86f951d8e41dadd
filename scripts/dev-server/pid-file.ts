import * as fs from 'node:fs';

/**
 * `<dataDir>/temporal-server.pid` records which server owns a data dir: two servers on one SQLite file would both
 * claim its single history shard. Returns the pid of a live owner, or undefined (a stale file is ignored).
 */
export function liveOwner(pidFile: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  // After a reboot the pid may belong to something else: where /proc exists, confirm it is a temporal process.
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('temporal') ? pid : undefined;
  } catch {
    return fs.existsSync('/proc/self') ? undefined : pid;
  }
}

export function writePidFile(pidFile: string, pid: number): void {
  fs.writeFileSync(pidFile, `${pid}\n`);
}

/** Removes the file only if it still names `pid` (a newer server may have taken the data dir over). */
export function removePidFile(pidFile: string, pid: number): void {
  try {
    if (Number(fs.readFileSync(pidFile, 'utf8').trim()) === pid) fs.rmSync(pidFile, { force: true });
  } catch {
    // Already gone.
  }
}
