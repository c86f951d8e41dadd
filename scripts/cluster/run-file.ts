/**
 * `<dataDir>/cluster/run.json`: which process runs the cluster of this data folder and the pids it started.
 * A second `npm run cluster` on the same folder is refused while the first lives; after a run that was SIGKILLed
 * (it could not stop its children), the next start stops what that run left behind instead of failing on ports.
 */
import * as fs from 'node:fs';
import type { Log } from '../dev-server/defaults';
import type { ClusterPaths } from './layout';
import { pollUntil } from './wait';

interface RunFile {
  owner: number;
  children: Record<string, number>;
}

function read(file: string): RunFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as RunFile;
  } catch {
    return undefined;
  }
}

/** The command line of a live process, or undefined (gone, or no /proc to ask). */
function commandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

export function writeRunFile(paths: ClusterPaths, children: Record<string, number>): void {
  fs.writeFileSync(paths.runFile, `${JSON.stringify({ owner: process.pid, children } satisfies RunFile)}\n`);
}

export function removeRunFile(paths: ClusterPaths): void {
  if (read(paths.runFile)?.owner === process.pid) fs.rmSync(paths.runFile, { force: true });
}

/** Throws if another live process runs this folder's cluster; stops the Temporal services a dead one left. */
export async function claimDataDir(paths: ClusterPaths, log: Log, graceMs: number): Promise<void> {
  const previous = read(paths.runFile);
  if (!previous) return;
  if (previous.owner !== process.pid && commandLine(previous.owner)?.includes('node')) {
    throw new Error(
      `Another process (pid ${previous.owner}) runs the cluster in ${paths.root}. Stop it (Ctrl-C there, or ` +
        `kill ${previous.owner}) or use another TSF_DATA_DIR.`,
    );
  }
  // Only processes started from this folder's configuration: a reused pid belongs to someone else.
  const leftovers = Object.entries(previous.children).filter(
    ([name, pid]) => name !== 'postgres' && commandLine(pid)?.includes(paths.root),
  );
  for (const [name, pid] of leftovers) {
    log(`Stopping the ${name} service (pid ${pid}) left running by an earlier run`);
    process.kill(pid, 'SIGTERM');
  }
  for (const [, pid] of leftovers) {
    await pollUntil(async () => (commandLine(pid) ? undefined : true), {
      what: `pid ${pid} to exit`,
      timeoutMs: graceMs,
    }).catch(() => process.kill(pid, 'SIGKILL'));
  }
}
