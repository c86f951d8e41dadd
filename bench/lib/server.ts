/**
 * The Temporal server a bench runs against: the one at TEMPORAL_ADDRESS when given (prepared like `tsf server`
 * prepares it), else a dev server of its own on a free port with a fresh database in the bench's temp dir
 * (headless, SQLite in WAL mode, the engine's search attributes), stopped when the bench ends.
 */
import { findFreePort, prepareNamespace, startDevServer } from '../../scripts/dev-server';

export interface BenchServer {
  address: string;
  namespace: string;
  /** The dev server's pid, when the bench started it (its CPU time is then reported). */
  pid?: number;
  stop(): Promise<void>;
}

export async function benchServer(dataDir: string, log: (message: string) => void): Promise<BenchServer> {
  const external = process.env.TEMPORAL_ADDRESS;
  if (external) {
    const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
    await prepareNamespace(external, namespace, log);
    return { address: external, namespace, stop: async () => undefined };
  }
  const server = await startDevServer({ dataDir, port: await findFreePort(), uiPort: false, log });
  log(`dev server ${server.address} (pid ${server.pid}), data in ${dataDir}, ready in ${server.startupMs} ms`);
  return { address: server.address, namespace: server.namespace, pid: server.pid, stop: server.stop };
}
