/**
 * The Temporal server and its SQL schema tool, built once with `go install` into the cache folder beside the CLI,
 * under the same build lock (two first runs at once build them once).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { findGo } from '../dev-server/build-cli';
import { cacheBinDir, executableName, type Log } from '../dev-server/defaults';
import { isExecutable } from '../dev-server/find-executable';
import { withFileLock } from '../dev-server/file-lock';
import { goInstall } from '../dev-server/go-install';

/** The server the CLI v1.5.1 dev server embeds, so the cluster and the dev server behave alike. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
const MODULE = 'go.temporal.io/server';
/** The binary is named after the command's folder: `server` and `sql`. */
const COMMANDS = { server: 'cmd/server', sql: 'cmd/tools/sql' } as const;
const PROGRESS_EVERY_MS = 15_000;

export interface ClusterBinaries {
  server: string;
  /** `temporal-sql-tool`: creates the databases and applies the schema embedded in it. */
  sql: string;
}

function help(binDir: string): string {
  return (
    `npm run cluster builds the Temporal server v${TEMPORAL_SERVER_VERSION} with Go 1.25+ (https://go.dev/dl/): ` +
    `put \`go\` on PATH, or build it yourself into ${binDir}:\n` +
    `  CGO_ENABLED=0 GOBIN=${binDir} go install ${MODULE}/${COMMANDS.server}@v${TEMPORAL_SERVER_VERSION} ` +
    `${MODULE}/${COMMANDS.sql}@v${TEMPORAL_SERVER_VERSION}`
  );
}

async function build(binDir: string, binary: keyof typeof COMMANDS, log: Log): Promise<string> {
  const go = findGo();
  if (!go) throw new Error(`Cannot find the \`go\` command.\n${help(binDir)}`);
  const target = `${MODULE}/${COMMANDS[binary]}@v${TEMPORAL_SERVER_VERSION}`;
  const logFile = path.join(path.dirname(binDir), `go-install-${binary}.log`);
  log(`Building ${target} (first run only, several minutes on 2 cores; log: ${logFile})…`);
  return goInstall({
    go,
    target,
    binDir,
    binary,
    logFile,
    log,
    // No C toolchain needed, and a static binary (the server's PostgreSQL driver is pure Go).
    env: { CGO_ENABLED: '0' },
    progress: { message: (s) => `  …still building the Temporal ${binary} (${s} s)`, everyMs: PROGRESS_EVERY_MS },
    help: help(binDir),
  });
}

/** `server --version` says `temporal version 1.29.1`, `sql --version` `temporal-sql-tool version 1.29.1`. */
async function isCurrent(binary: string): Promise<boolean> {
  if (!isExecutable(binary)) return false;
  try {
    const { stdout } = await promisify(execFile)(binary, ['--version'], { encoding: 'utf8' });
    return stdout.trim().endsWith(` ${TEMPORAL_SERVER_VERSION}`);
  } catch {
    return false;
  }
}

/** The two binaries, built first if missing or of another version (the names `server` and `sql` carry none). */
export async function ensureClusterBinaries(log: Log, env: NodeJS.ProcessEnv = process.env): Promise<ClusterBinaries> {
  const binDir = cacheBinDir(env);
  const paths = { server: path.join(binDir, executableName('server')), sql: path.join(binDir, executableName('sql')) };
  if ((await isCurrent(paths.server)) && (await isCurrent(paths.sql))) return paths;
  fs.mkdirSync(binDir, { recursive: true });
  return withFileLock(
    path.join(path.dirname(binDir), 'build.lock'),
    async () => {
      // Another process may have built them while we waited for the lock.
      for (const binary of ['server', 'sql'] as const) {
        if (!(await isCurrent(paths[binary]))) await build(binDir, binary, log);
      }
      return paths;
    },
    log,
  );
}
