/**
 * The cluster's own PostgreSQL: a database cluster in `<dataDir>/cluster/pg`, made once with initdb, served on
 * 127.0.0.1 at a port derived from the frontend's, with its unix socket inside its own folder (not
 * /var/run/postgresql, which belongs to the system's PostgreSQL and to root).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Log } from '../dev-server/defaults';
import { spawnManaged, type ManagedProcess } from './process';
import { checkReachable, type PgUser } from './postgres-install';
import { pollUntil } from './wait';
import type { ClusterPaths } from './layout';

/** The superuser initdb makes, which Temporal and the sql tool log in as (loopback only, with a password). */
export const PG_USER = 'temporal';
export const PG_STOP_GRACE_MS = 15_000;
/** Four services with up to 20 + 2 connections each, plus a restarted service's while the old ones close. */
const MAX_CONNECTIONS = 200;
/** sockaddr_un holds 107 bytes: a deeper data folder gets no unix socket (Temporal connects over TCP anyway). */
const MAX_SOCKET_PATH = 100;

export interface Postgres {
  port: number;
  password: string;
  process: ManagedProcess;
}

/** The random password of the `temporal` user, made with the database cluster and kept beside it (mode 0600). */
export function pgPassword(paths: ClusterPaths): string {
  if (!fs.existsSync(paths.pgPassword)) {
    fs.writeFileSync(paths.pgPassword, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(paths.pgPassword, 'utf8').trim();
}

function runAs(user: PgUser | undefined): { uid?: number; gid?: number } {
  return user ? { uid: user.uid, gid: user.gid } : {};
}

/**
 * initdb into an empty `pg` folder owned by the user PostgreSQL runs as. A folder left by a first start that
 * failed half way (no `pg-ready` marker) is removed first: nothing in it is worth keeping.
 */
export async function initDatabaseCluster(
  paths: ClusterPaths,
  bin: string,
  user: PgUser | undefined,
  log: Log,
): Promise<void> {
  if (fs.existsSync(paths.pgData)) {
    log(`Removing ${paths.pgData}: an earlier first start did not finish setting it up`);
    fs.rmSync(paths.pgData, { recursive: true, force: true });
  }
  fs.mkdirSync(paths.pgData, { mode: 0o700 });
  const pwFile = path.join(paths.root, 'pg-init-password');
  fs.writeFileSync(pwFile, pgPassword(paths), { mode: 0o600 });
  try {
    if (user) {
      checkReachable(paths.pgData, user);
      fs.chownSync(paths.pgData, user.uid, user.gid);
      fs.chownSync(pwFile, user.uid, user.gid);
    }
    const args = ['-D', paths.pgData, '-U', PG_USER, `--pwfile=${pwFile}`, '-A', 'scram-sha-256', '-E', 'UTF8'];
    // --locale=C: containers often lack the locale the environment names, and Temporal needs no collation.
    // Asynchronous: tsx SIGKILLs a child whose event loop cannot take a relayed Ctrl-C at once.
    await promisify(execFile)(path.join(bin, 'initdb'), [...args, '--locale=C'], runAs(user)).catch((err: Error) => {
      const { stdout, stderr } = err as Error & { stdout?: string; stderr?: string };
      throw new Error(`initdb failed (${err.message}):\n${stdout ?? ''}${stderr ?? ''}`);
    });
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  log(`Made a PostgreSQL database cluster in ${paths.pgData}${user ? ` (owned by ${user.name})` : ''}`);
}

function isAccepting(bin: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    // pg_isready: 0 accepting, 1 starting up or shutting down, 2 no answer.
    execFile(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-t', '2'], (err) =>
      resolve(!err),
    );
  });
}

/** `postgres` in the foreground as our child (its log in logs/postgres.log); resolves once it accepts connections. */
export async function startPostgres(
  paths: ClusterPaths,
  bin: string,
  user: PgUser | undefined,
  port: number,
): Promise<Postgres> {
  const socketDir = paths.pgData.length <= MAX_SOCKET_PATH ? paths.pgData : '';
  const logFile = path.join(paths.logs, 'postgres.log');
  const args = ['-D', paths.pgData, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  args.push('-c', `unix_socket_directories=${socketDir}`, '-c', `max_connections=${MAX_CONNECTIONS}`);
  const child = spawnManaged({ name: 'postgres', command: path.join(bin, 'postgres'), args, logFile, ...runAs(user) });
  try {
    await pollUntil(async () => ((await isAccepting(bin, port)) ? true : undefined), {
      what: `PostgreSQL on 127.0.0.1:${port}`,
      timeoutMs: 60_000,
      failure: () => {
        const reason = child.exitReason();
        return reason && `PostgreSQL exited (${reason}). Last lines of ${logFile}:\n${child.tail()}`;
      },
    });
  } catch (err) {
    await child.stop(PG_STOP_GRACE_MS, 'SIGINT');
    throw err;
  }
  return { port, password: pgPassword(paths), process: child };
}

/** A postmaster left running by a run that was SIGKILLed holds the data folder: stop it (fast shutdown). */
export async function stopLeftoverPostgres(paths: ClusterPaths, log: Log): Promise<void> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(paths.pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return;
    process.kill(pid, 'SIGINT');
  } catch {
    return; // No pid file, or its process is gone: nothing to stop.
  }
  log(`Stopping PostgreSQL (pid ${pid}) left running by an earlier run`);
  await pollUntil(async () => (fs.existsSync(`/proc/${pid}`) ? undefined : true), {
    what: `PostgreSQL pid ${pid} to stop`,
    timeoutMs: PG_STOP_GRACE_MS,
  }).catch(() => {
    log(`PostgreSQL pid ${pid} did not stop within ${PG_STOP_GRACE_MS / 1000} s: SIGKILL`);
    process.kill(pid, 'SIGKILL');
  });
}
