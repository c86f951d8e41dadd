import * as os from 'node:os';
import * as path from 'node:path';

/** The CLI tag we build. Later tags carry a `replace` directive in go.mod and cannot be `go install`ed. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

export const DEFAULT_ADDRESS = '127.0.0.1:7233';
export const DEFAULT_NAMESPACE = 'default';

/** Redrive needs closed child histories, which the server deletes after retention (dev server default: 24 h). */
export const MIN_RETENTION_HOURS = 14 * 24;

/** `${TSF_CACHE_DIR:-$XDG_CACHE_HOME/temporal-step-functions or ~/.cache/temporal-step-functions}` */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TSF_CACHE_DIR) return path.resolve(env.TSF_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache');
  return path.join(base, 'temporal-step-functions');
}

export function cacheBinDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), 'bin');
}

export function executableName(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

/** `${TSF_DATA_DIR:-./.tsf}`, resolved against the current directory (`.tsf/` is gitignored). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TSF_DATA_DIR || '.tsf');
}

/** Splits `host:port` (IPv6 hosts in brackets), so we can start a server on the port a caller expects. */
export function parseAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(address.trim());
  const port = Number(match?.[3]);
  if (!match || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`Invalid Temporal address '${address}': expected host:port, e.g. ${DEFAULT_ADDRESS}`);
  }
  return { host: match[1] ?? match[2] ?? '127.0.0.1', port };
}

export type Log = (msg: string) => void;

export const consoleLog: Log = (msg) => console.error(msg);
