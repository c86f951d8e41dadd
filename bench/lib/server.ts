/**
 * The Temporal server a bench runs against: the one of the Temporal profile when one is named (TEMPORAL_ADDRESS,
 * TEMPORAL_CONFIG_FILE or TEMPORAL_PROFILE; reached with its TLS and API key, its namespace prepared like `tsf
 * setup` prepares it), else a dev server of its own on a free port with a fresh database in the bench's temp dir
 * (headless, SQLite in WAL mode, the engine's search attributes), stopped when the bench ends.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localSettings, resolveConnectionSettings, type ConnectionSettings } from '../../client/connection-settings';
import { findFreePort, prepareNamespace, startDevServer } from '../../scripts/dev-server';

export interface BenchServer {
  address: string;
  namespace: string;
  /** How to connect (the profile's TLS and API key for a server of the profile; plaintext for the bench's own). */
  settings: ConnectionSettings;
  /** True when the settings come from the profile: the worker processes resolve them again from the environment. */
  fromProfile: boolean;
  /**
   * The server's processes whose CPU time the bench reports, by name: `server` (the dev server the bench started),
   * or a cluster's `frontend`, `history`, `matching`, `worker` and `postgres` (each counted with its child processes:
   * all of PostgreSQL's backends). Empty when unknown (a remote server).
   */
  processes: Record<string, number>;
  stop(): Promise<void>;
}

/** A server named by the environment, rather than one the bench starts. */
export function profileNamesServer(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.TEMPORAL_ADDRESS || env.TEMPORAL_CONFIG_FILE || env.TEMPORAL_PROFILE);
}

export async function benchServer(
  dataDir: string,
  log: (message: string) => void,
  serverPids?: Record<string, number>,
): Promise<BenchServer> {
  if (profileNamesServer()) {
    const settings = resolveConnectionSettings();
    log(
      `Temporal server of the profile: ${settings.address} (namespace ${settings.namespace}, ${settings.sources.tls})`,
    );
    await prepareNamespace(settings, settings.namespace, log);
    const { address, namespace } = settings;
    const processes = serverPids ?? clusterProcesses(log);
    return { address, namespace, settings, fromProfile: true, processes, stop: async () => undefined };
  }
  const server = await startDevServer({ dataDir, port: await findFreePort(), uiPort: false, log });
  log(`dev server ${server.address} (pid ${server.pid}), data in ${dataDir}, ready in ${server.startupMs} ms`);
  return {
    address: server.address,
    namespace: server.namespace,
    settings: localSettings(server.address, server.namespace),
    fromProfile: false,
    processes: { server: server.pid },
    stop: server.stop,
  };
}

/** The settings of a bench's worker process, from what the bench sent and the environment it inherited. */
export function workerSettings(config: {
  address: string;
  namespace: string;
  fromProfile?: boolean;
}): ConnectionSettings {
  if (!config.fromProfile) return localSettings(config.address, config.namespace);
  return resolveConnectionSettings({ overrides: { address: config.address, namespace: config.namespace } });
}

/**
 * The processes of a cluster started by `npm run cluster`: its profile file sits in `<data dir>/cluster`, beside the
 * `run.json` that names the pid of PostgreSQL and of each Temporal service. Empty (CPU not reported) for any other
 * profile; `--server-pids` names them by hand.
 */
export function clusterProcesses(
  log: (message: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, number> {
  if (!env.TEMPORAL_CONFIG_FILE) return {};
  const runFile = path.join(path.dirname(path.resolve(env.TEMPORAL_CONFIG_FILE)), 'run.json');
  try {
    const { children } = JSON.parse(fs.readFileSync(runFile, 'utf8')) as { children: Record<string, number> };
    log(`cluster processes from ${runFile}: ${JSON.stringify(children)}`);
    return children;
  } catch {
    log(`no cluster run file at ${runFile}: the server's CPU is not reported (--server-pids names its processes)`);
    return {};
  }
}
