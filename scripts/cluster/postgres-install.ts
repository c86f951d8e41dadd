/**
 * Finds PostgreSQL's server programs (Debian's package, installed when missing) and the user they run as: initdb
 * and postgres refuse to run as root, so as root we run them as the `postgres` user the package creates.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Log } from '../dev-server/defaults';
import { findOnPath, isExecutable } from '../dev-server/find-executable';
import { aptInstall } from './apt';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const NEEDED = ['initdb', 'postgres', 'pg_isready'];

export interface PgUser {
  name: string;
  uid: number;
  gid: number;
}

function hasAll(dir: string): boolean {
  return NEEDED.every((name) => isExecutable(path.join(dir, name)));
}

/** The newest `/usr/lib/postgresql/<major>/bin` (Debian keeps the server programs off PATH), else PATH's. */
export function findPgBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TSF_PG_BIN) return hasAll(env.TSF_PG_BIN) ? env.TSF_PG_BIN : undefined;
  const majors = fs.existsSync(DEBIAN_ROOT)
    ? fs
        .readdirSync(DEBIAN_ROOT)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const debian = majors.map((major) => path.join(DEBIAN_ROOT, major, 'bin')).find(hasAll);
  if (debian) return debian;
  const initdb = findOnPath('initdb', env);
  const dir = initdb ? path.dirname(fs.realpathSync(initdb)) : undefined;
  return dir && hasAll(dir) ? dir : undefined;
}

export async function ensurePgBin(log: Log): Promise<string> {
  const found = findPgBin();
  if (found) return found;
  await aptInstall(
    'postgresql',
    'npm run cluster needs PostgreSQL (initdb, postgres, pg_isready)',
    'or set TSF_PG_BIN to the folder that holds its server programs.',
    log,
  );
  const installed = findPgBin();
  if (!installed) throw new Error(`apt-get installed postgresql, but no initdb was found under ${DEBIAN_ROOT}`);
  return installed;
}

function lookupUser(name: string): PgUser | undefined {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { name, uid: Number(uid), gid: Number(gid) } : undefined;
}

/** undefined: run PostgreSQL as ourselves (not root). As root: the `postgres` system user. */
export function pgUser(): PgUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const user = lookupUser('postgres');
  if (!user) {
    throw new Error(
      "PostgreSQL refuses to run as root, and there is no `postgres` user to run it as (Debian's postgresql " +
        'package creates one): run npm run cluster as a normal user, or create the user.',
    );
  }
  return user;
}

/** PostgreSQL, running as `user`, must be able to walk down to its data folder: say so before initdb fails. */
export function checkReachable(dir: string, user: PgUser): void {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const { mode, uid, gid } = fs.statSync(current);
    const searchable = mode & 0o001 || (uid === user.uid && mode & 0o100) || (gid === user.gid && mode & 0o010);
    if (!searchable) {
      throw new Error(
        `PostgreSQL runs as the ${user.name} user, which cannot enter ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}) on the way to ${dir}. ` +
          `Set TSF_DATA_DIR to a folder it can reach (e.g. /var/tmp/tsf) or \`chmod o+x ${current}\`.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}
