/**
 * The client profile of the cluster, in Temporal's environment configuration format (the TOML file the `temporal`
 * CLI and every SDK read from TEMPORAL_CONFIG_FILE). Written and read back with @temporalio/envconfig itself, so
 * the keys are the ones the SDK expects, and our own readiness check connects the way a user's process will.
 */
import * as fs from 'node:fs';
import { Connection } from '@temporalio/client';
import { clientConfigToToml, loadClientConnectConfig } from '@temporalio/envconfig';
import { DEFAULT_NAMESPACE } from '../dev-server/defaults';
import { SERVER_NAME, type ClusterTls } from './certificates';

export const PROFILE_NAME = 'default';

export function writeProfile(file: string, address: string, tls: ClusterTls): void {
  const toml = clientConfigToToml({
    profiles: {
      [PROFILE_NAME]: {
        address,
        namespace: DEFAULT_NAMESPACE,
        tls: {
          clientCert: { path: tls.clientCert },
          clientKey: { path: tls.clientKey },
          serverCACert: { path: tls.caCert },
          serverName: SERVER_NAME,
        },
      },
    },
  });
  fs.writeFileSync(file, toml);
}

/**
 * A connection made from the profile file alone (strict: an unknown key is an error; the caller's TEMPORAL_*
 * variables are ignored, so a leftover TEMPORAL_ADDRESS cannot point us at another server).
 */
export async function connectWithProfile(file: string, connectTimeoutMs = 5000): Promise<Connection> {
  const { connectionOptions } = loadClientConnectConfig({
    configSource: { path: file },
    profile: PROFILE_NAME,
    configFileStrict: true,
    disableEnv: true,
  });
  return Connection.connect({ ...connectionOptions, connectTimeout: connectTimeoutMs });
}
