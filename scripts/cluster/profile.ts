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

/**
 * mtls: the client certificate and key, the CA, the server name. jwt (`apiKey`): the CA and server name only
 * (server-side TLS, as with Temporal Cloud) and the API key.
 */
export function writeProfile(file: string, address: string, tls: ClusterTls, apiKey?: string): void {
  const serverSide = { serverCACert: { path: tls.caCert }, serverName: SERVER_NAME };
  const clientCertificate = { clientCert: { path: tls.clientCert }, clientKey: { path: tls.clientKey } };
  const toml = clientConfigToToml({
    profiles: {
      [PROFILE_NAME]: {
        address,
        namespace: DEFAULT_NAMESPACE,
        ...(apiKey ? { apiKey, tls: serverSide } : { tls: { ...clientCertificate, ...serverSide } }),
      },
    },
  });
  // 0600: with --auth jwt it holds a cluster admin's API key.
  fs.writeFileSync(file, toml, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
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
