/**
 * The Temporal server a bench runs against: the one of the Temporal profile when one is named (TEMPORAL_ADDRESS,
 * TEMPORAL_CONFIG_FILE or TEMPORAL_PROFILE; reached with its TLS and API key, its namespace prepared like `tsf
 * setup` prepares it), else a dev server of its own on a free port with a fresh database in the bench's temp dir
 * (headless, SQLite in WAL mode, the engine's search attributes), stopped when the bench ends.
 */
import { localSettings, resolveConnectionSettings, type ConnectionSettings } from '../../client/connection-settings';
import { findFreePort, prepareNamespace, startDevServer } from '../../scripts/dev-server';

export interface BenchServer {
  address: string;
  namespace: string;
  /** How to connect (the profile's TLS and API key for a server of the profile; plaintext for the bench's own). */
  settings: ConnectionSettings;
  /** True when the settings come from the profile: the worker processes resolve them again from the environment. */
  fromProfile: boolean;
  /** The dev server's pid, when the bench started it (its CPU time is then reported). */
  pid?: number;
  stop(): Promise<void>;
}

/** A server named by the environment, rather than one the bench starts. */
export function profileNamesServer(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.TEMPORAL_ADDRESS || env.TEMPORAL_CONFIG_FILE || env.TEMPORAL_PROFILE);
}

export async function benchServer(dataDir: string, log: (message: string) => void): Promise<BenchServer> {
  if (profileNamesServer()) {
    const settings = resolveConnectionSettings();
    log(
      `Temporal server of the profile: ${settings.address} (namespace ${settings.namespace}, ${settings.sources.tls})`,
    );
    await prepareNamespace(settings, settings.namespace, log);
    const { address, namespace } = settings;
    return { address, namespace, settings, fromProfile: true, stop: async () => undefined };
  }
  const server = await startDevServer({ dataDir, port: await findFreePort(), uiPort: false, log });
  log(`dev server ${server.address} (pid ${server.pid}), data in ${dataDir}, ready in ${server.startupMs} ms`);
  return {
    address: server.address,
    namespace: server.namespace,
    settings: localSettings(server.address, server.namespace),
    fromProfile: false,
    pid: server.pid,
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
