/**
 * The Temporal server the conformance run uses: the one at TEMPORAL_ADDRESS if it answers, else a private dev
 * server (fresh database in a temp dir, free port, no UI) that is stopped and deleted afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, findRunningServer, startDevServer } from '../../scripts/dev-server';

export interface ConformanceServer {
  address: string;
  /** Whether this run started the server (and so stops it). */
  own: boolean;
  stop(): Promise<void>;
}

export async function useOrStartServer(log: (message: string) => void): Promise<ConformanceServer> {
  const configured = process.env.TEMPORAL_ADDRESS;
  if (configured && (await findRunningServer(configured))) {
    log(`Using the Temporal server at ${configured}`);
    return { address: configured, own: false, stop: async () => undefined };
  }
  if (configured) log(`Nothing answers at TEMPORAL_ADDRESS=${configured}; starting a dev server of our own`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-conformance-'));
  try {
    const server = await startDevServer({ port: await findFreePort(), uiPort: false, dataDir, log });
    log(`Started a dev server at ${server.address} in ${(server.startupMs / 1000).toFixed(1)} s`);
    return {
      address: server.address,
      own: true,
      async stop() {
        await server.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
