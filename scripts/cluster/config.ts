/**
 * The one configuration file all the services start from, modelled on the server's
 * config/development-postgres12.yaml (v1.29.1), written on every start so it always matches the ports and paths.
 * It is JSON, which is YAML too: no YAML library needed, and every key is spelled as the server's config structs
 * spell them (common/config/config.go).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClusterTls } from './certificates';
import { SERVER_NAME } from './certificates';
import { servicesFor, type AuthMode, type ClusterPaths, type ClusterPorts } from './layout';
import type { Postgres } from './postgres';
import { PG_USER } from './postgres';
import { DATABASES, SQL_PLUGIN } from './schema';

/** `--env <stem>`: the server reads `<config dir>/<stem>.yaml`. */
export const CONFIG_ENV = 'cluster';
/** 4 is the reference configs' count; more than the dev server's 1, so shards really move between hosts. */
export const NUM_HISTORY_SHARDS = 4;

/**
 * Only what differs from the server's defaults, which we keep (the engine needs no raised limit: Update and
 * async-accepted Update are on by default in v1.29).
 */
const DYNAMIC_CONFIG = {
  // The server otherwise checks for newer versions over the network; there is none where the tests run.
  'frontend.enableServerVersionCheck': [{ value: false }],
};

function datastore(database: string, postgres: Postgres, maxConns: number) {
  return {
    sql: {
      pluginName: SQL_PLUGIN,
      databaseName: database,
      connectAddr: `127.0.0.1:${postgres.port}`,
      connectProtocol: 'tcp',
      user: PG_USER,
      password: postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

export interface ConfigInput {
  paths: ClusterPaths;
  ports: ClusterPorts;
  tls: ClusterTls;
  postgres: Postgres;
  auth: AuthMode;
  /** `--auth jwt`: where the server fetches the keys that sign API keys. */
  jwksUrl?: string;
}

/**
 * TLS on the frontend. mtls: clients must present a certificate of our CA, the worker service included
 * (systemWorker: every service's client of the frontend uses it once set). jwt: server-side TLS only, as Temporal
 * Cloud does with API keys; the services then use internal-frontend. Internode traffic (frontend to history and
 * matching, history to matching, to internal-frontend) stays plaintext on 127.0.0.1: all bind to loopback only.
 */
function tlsConfig(tls: ClusterTls, auth: AuthMode) {
  const server = { certFile: tls.serverCert, keyFile: tls.serverKey };
  if (auth === 'jwt') return { frontend: { server } };
  return {
    frontend: { server: { ...server, requireClientAuth: true, clientCaFiles: [tls.caCert] } },
    systemWorker: { ...server, client: { serverName: SERVER_NAME, rootCaFiles: [tls.caCert] } },
  };
}

/** The default authorizer and JWT claim mapper: `permissions` claims like `default:write` decide. */
function authorization(jwksUrl: string) {
  return {
    jwtKeyProvider: { keySourceURIs: [jwksUrl], refreshInterval: '1m' },
    permissionsClaimName: 'permissions',
    authorizer: 'default',
    claimMapper: 'default',
  };
}

function services(ports: ClusterPorts, auth: AuthMode) {
  return Object.fromEntries(
    servicesFor(auth).map((name) => {
      const { grpc, membership } = ports.services[name];
      const httpPort = name === 'frontend' ? { httpPort: ports.frontendHttp } : {};
      return [name, { rpc: { grpcPort: grpc, membershipPort: membership, bindOnLocalHost: true, ...httpPort } }];
    }),
  );
}

export function serverConfig({ paths, ports, tls, postgres, auth, jwksUrl }: ConfigInput) {
  if (auth === 'jwt' && !jwksUrl) throw new Error('--auth jwt needs the JWKS URL');
  const frontend = `127.0.0.1:${ports.services.frontend.grpc}`;
  return {
    // Each service's log goes to its own file (our child's stdout); info keeps startup and membership visible.
    log: { stdout: true, level: 'info' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: NUM_HISTORY_SHARDS,
      datastores: {
        'postgres-default': datastore(DATABASES.default, postgres, 20),
        'postgres-visibility': datastore(DATABASES.visibility, postgres, 2),
      },
    },
    // No metrics and no pprof sections: each would bind one fixed port, which four processes cannot share.
    global: {
      // Services find each other through the cluster_membership table, then talk on these loopback ports.
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      tls: tlsConfig(tls, auth),
      ...(jwksUrl ? { authorization: authorization(jwksUrl) } : {}),
    },
    services: services(ports, auth),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: frontend },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    // An absolute path: the server resolves a relative one against its working directory, not the config folder.
    dynamicConfigClient: { filepath: path.join(paths.config, 'dynamicconfig.yaml'), pollInterval: '10s' },
  };
}

/** Writes `<config>/cluster.yaml` and `<config>/dynamicconfig.yaml` (mode 0600: they hold the database password). */
export function writeServerConfig(input: ConfigInput): void {
  const { paths } = input;
  fs.mkdirSync(paths.config, { recursive: true, mode: 0o700 });
  const header =
    '# Generated by `npm run cluster` (scripts/cluster/config.ts) on every start: edits are overwritten.\n';
  const write = (name: string, value: unknown) =>
    fs.writeFileSync(path.join(paths.config, name), `${header}${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  write(`${CONFIG_ENV}.yaml`, serverConfig(input));
  write('dynamicconfig.yaml', DYNAMIC_CONFIG);
}
