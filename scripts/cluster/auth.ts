/**
 * How clients prove who they are. mtls (default): a client certificate of the cluster's CA, nothing else to run.
 * jwt (`--auth jwt`): an API key; the signing key is made once, its JWKS served on loopback while the cluster
 * runs, and the profile carries a cluster admin's key so that `tsf setup` and the `temporal` CLI work with it.
 */
import type { AuthMode, ClusterPaths, ClusterPorts } from './layout';
import { serveJwks } from './jwks-server';
import { ensureSigningKey, jwks, mintApiKey, type MintOptions } from './jwt';

export interface ClusterAuth {
  mode: AuthMode;
  /** jwt: where the server fetches the keys. */
  jwksUrl?: string;
  /** jwt: the key written to the profile (`temporal-system:admin`). */
  profileApiKey?: string;
  /** jwt: a new API key with these permissions; throws in mtls mode. */
  mintApiKey(options: MintOptions): string;
  close(): Promise<void>;
}

export const ADMIN_PERMISSIONS = ['temporal-system:admin'];

export async function startAuth(mode: AuthMode, paths: ClusterPaths, ports: ClusterPorts): Promise<ClusterAuth> {
  if (mode === 'mtls') {
    return {
      mode,
      mintApiKey: () => {
        throw new Error('API keys need a cluster started with --auth jwt (this one uses mTLS)');
      },
      close: async () => undefined,
    };
  }
  const key = await ensureSigningKey(paths.jwt);
  const server = await serveJwks(ports.jwks, jwks(key));
  return {
    mode,
    jwksUrl: server.url,
    profileApiKey: mintApiKey(key, { permissions: ADMIN_PERMISSIONS, subject: 'tsf-cluster-admin' }),
    mintApiKey: (options) => mintApiKey(key, options),
    close: () => server.close(),
  };
}
