/**
 * The Temporal server the conformance run uses: the one of the Temporal profile if one is named (TEMPORAL_ADDRESS,
 * TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE) and answers, else a private dev server (fresh database in a temp dir, free
 * port, no UI) that is stopped and deleted afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConnectionSettings, type ConnectionSettings } from '../../client/connection-settings';
import { findFreePort, findRunningServer, startDevServer } from '../../scripts/dev-server';

export interface ConformanceServer {
  address: string;
  settings: ConnectionSettings;
  /** Whether this run started the server (and so stops it). */
  own: boolean;
  stop(): Promise<void>;
}

export async function useOrStartServer(log: (message: string) => void): Promise<ConformanceServer> {
  const env = process.env;
  const configured = env.TEMPORAL_ADDRESS || env.TEMPORAL_CONFIG_FILE || env.TEMPORAL_PROFILE;
  const settings = configured ? resolveConnectionSettings() : undefined;
  if (settings && (await findRunningServer(settings))) {
    log(`Using the Temporal server at ${settings.address} (${settings.sources.address})`);
    return { address: settings.address, settings, own: false, stop: async () => undefined };
  }
  if (settings)
    log(`Nothing answers at ${settings.address} (${settings.sources.address}); starting a dev server of our own`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-conformance-'));
  try {
    const server = await startDevServer({ port: await findFreePort(), uiPort: false, dataDir, log });
    log(`Started a dev server at ${server.address} in ${(server.startupMs / 1000).toFixed(1)} s`);
    return {
      address: server.address,
      settings: server.settings,
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
