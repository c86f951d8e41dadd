import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { consoleLog, DEFAULT_NAMESPACE, defaultDataDir, type Log } from './defaults';
import { DEV_SERVER_DYNAMIC_CONFIG, dynamicConfigArgs } from './dynamic-config';
import { ensureTemporalCli } from './find-cli';
import { localSettings, type ConnectionSettings } from '../../client/connection-settings';
import { prepareNamespaceOn } from '../../client/setup';
import { liveOwner, removePidFile, writePidFile } from './pid-file';
import { isPortOpen, waitForServer } from './ready';
import { CLI_SEARCH_ATTRIBUTE_TYPE_NAMES, TSF_SEARCH_ATTRIBUTES } from '../../messages/search-attributes';
import { gracefulStop } from './graceful-stop';

const STOP_GRACE_MS = 10_000;
const SERVER_IP = '127.0.0.1';

export interface DevServerOptions {
  /** Holds temporal.db (workflows survive restarts) and temporal-server.log. Default `${TSF_DATA_DIR:-./.tsf}`. */
  dataDir?: string;
  /** Frontend gRPC port, default 7233. */
  port?: number;
  /** Web UI port, default port + 1000; false runs headless. */
  uiPort?: number | false;
  log?: Log;
  /**
   * true: the caller lives as long as the server (it keeps the event loop alive, SIGINT/SIGTERM/SIGHUP are
   * forwarded to it). false (default): the server never keeps the caller alive and is killed when the caller exits.
   */
  foreground?: boolean;
  /** Extra or overriding `--dynamic-config-value` entries (JSON values). */
  extraDynamicConfig?: Record<string, unknown>;
  /** How long to wait for the frontend and the namespace, default 60 s. */
  readyTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  namespace: string;
  /** Plaintext connection settings for this server (connectTemporal, connectWorker). */
  settings: ConnectionSettings;
  pid: number;
  binary: string;
  dataDir: string;
  logFile: string;
  uiUrl: string | undefined;
  /** Milliseconds from spawn until the namespace was usable and prepared. */
  startupMs: number;
  /** Resolves with the exit code (null if killed by a signal) once the server process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. Idempotent. */
  stop(): Promise<void>;
}

function serverArgs(port: number, uiPort: number | false, dbFile: string, extra: Record<string, unknown>): string[] {
  const searchAttributes = TSF_SEARCH_ATTRIBUTES.flatMap(({ name, type }) => [
    '--search-attribute',
    `${name}=${CLI_SEARCH_ATTRIBUTE_TYPE_NAMES[type]}`,
  ]);
  return [
    'server',
    'start-dev',
    ['--ip', SERVER_IP],
    ['--port', String(port)],
    ['--namespace', DEFAULT_NAMESPACE],
    ['--db-filename', dbFile],
    // WAL + synchronous=NORMAL: far fewer fsyncs than the default, still durable across a process crash.
    ['--sqlite-pragma', 'journal_mode=WAL'],
    ['--sqlite-pragma', 'synchronous=NORMAL'],
    searchAttributes,
    dynamicConfigArgs({ ...DEV_SERVER_DYNAMIC_CONFIG, ...extra }),
    ['--log-level', 'warn'],
    uiPort === false ? ['--headless'] : ['--ui-port', String(uiPort)],
  ].flat();
}

function logTail(file: string, fromByte: number, lines = 25): string {
  try {
    return fs.readFileSync(file).subarray(fromByte).toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts `temporal server start-dev` on 127.0.0.1 with a persistent SQLite file, waits until the default namespace
 * is usable, raises its retention to 14 days and makes sure the engine's search attributes exist.
 */
export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const log = opts.log ?? consoleLog;
  const port = opts.port ?? 7233;
  const uiPort = opts.uiPort === undefined ? port + 1000 : opts.uiPort;
  const address = `${SERVER_IP}:${port}`;
  const binary = await ensureTemporalCli(log);

  const dataDir = path.resolve(opts.dataDir ?? defaultDataDir());
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'temporal-server.log');
  const pidFile = path.join(dataDir, 'temporal-server.pid');

  const owner = liveOwner(pidFile);
  if (owner !== undefined) {
    throw new Error(
      `Another Temporal dev server (pid ${owner}) is using ${dataDir}. Stop it or pick another data dir.`,
    );
  }
  if (await isPortOpen(address)) {
    throw new Error(`Port ${port} on ${SERVER_IP} is already in use (is a Temporal server running there already?)`);
  }

  const args = serverArgs(port, uiPort, path.join(dataDir, 'temporal.db'), opts.extraDynamicConfig ?? {});
  // Appended, not truncated, so a crash log survives the next start; a header separates runs.
  const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  fs.appendFileSync(logFile, `\n=== ${new Date().toISOString()} ${binary} ${args.join(' ')}\n`);
  const out = fs.openSync(logFile, 'a');
  const started = Date.now();
  const child = spawn(binary, args, { stdio: ['ignore', out, out] });
  fs.closeSync(out);

  let exitCode: number | null | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (err) => {
      spawnError = err;
      exitCode = null;
      resolve(null);
    });
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    });
  });
  const pid = child.pid ?? -1;
  if (child.pid !== undefined) writePidFile(pidFile, child.pid);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (exitCode === undefined) await gracefulStop(child, exited, STOP_GRACE_MS);
    })());

  // Never leave a server behind: its SQLite file and port would block the next start.
  const killOnExit = () => child.kill('SIGTERM');
  const forward = () => void stop();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  if (opts.foreground) {
    for (const s of signals) process.on(s, forward);
  } else {
    child.unref();
    process.on('exit', killOnExit);
  }
  void exited.then(() => {
    removePidFile(pidFile, pid);
    process.off('exit', killOnExit);
    for (const s of signals) process.off(s, forward);
  });

  try {
    const connection = await waitForServer(address, {
      timeoutMs: opts.readyTimeoutMs ?? 60_000,
      failure: () =>
        exitCode === undefined
          ? undefined
          : `Temporal dev server exited before it was ready (${spawnError?.message ?? `exit code ${exitCode}`}). ` +
            `Last lines of ${logFile}:\n${logTail(logFile, logStart)}`,
    });
    try {
      await prepareNamespaceOn(connection, DEFAULT_NAMESPACE, log);
    } finally {
      await connection.close();
    }
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    address,
    namespace: DEFAULT_NAMESPACE,
    settings: localSettings(address, DEFAULT_NAMESPACE, `the dev server started here (${address})`),
    pid,
    binary,
    dataDir,
    logFile,
    uiUrl: uiPort === false ? undefined : `http://${SERVER_IP}:${uiPort}`,
    startupMs: Date.now() - started,
    exited,
    stop,
  };
}
