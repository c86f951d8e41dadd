/**
 * Where a cluster keeps its files and which ports it takes. Everything derives from the data folder and the
 * frontend port, so two clusters (or a cluster and a dev server) on different folders and ports never collide.
 */
import * as path from 'node:path';
import { defaultDataDir } from '../dev-server/defaults';

export const DEFAULT_CLUSTER_PORT = 7233;

export const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
/**
 * internal-frontend runs with `--auth jwt` only: the frontend then demands an API key of every caller, and the
 * other services reach the cluster through this second frontend instead, which trusts them (loopback only).
 */
export type ServiceName = (typeof SERVICES)[number] | 'internal-frontend';

/** mtls: every client presents a certificate of the cluster's CA. jwt: TLS (server side) and an API key. */
export type AuthMode = 'mtls' | 'jwt';

export function servicesFor(auth: AuthMode): ServiceName[] {
  return auth === 'jwt' ? [...SERVICES, 'internal-frontend'] : [...SERVICES];
}

export interface ServicePorts {
  grpc: number;
  membership: number;
}

export interface ClusterPorts {
  services: Readonly<Record<ServiceName, ServicePorts>>;
  /** The frontend's HTTP API (Temporal's default layout: gRPC + 10). */
  frontendHttp: number;
  /** The JWKS served on loopback for `--auth jwt`. */
  jwks: number;
  postgres: number;
}

/** How many consecutive ports, from the frontend's, one cluster takes. */
export const PORTS_PER_CLUSTER = 20;

/**
 * The server keeps each service's membership port in a PostgreSQL smallint column (cluster_membership), so a port
 * above 32,767 makes the services exit with `value "37244" is out of range for type smallint`: refuse it up front.
 */
export const MAX_FRONTEND_PORT = 32767 - PORTS_PER_CLUSTER;

/**
 * One block of 20 ports from the frontend's: gRPC at Temporal's own offsets (7233 gives its defaults 7233, 7234,
 * 7235, 7236 for internal-frontend, 7239; HTTP 7243), membership at gRPC + 11 (not Temporal's gRPC - 300, which
 * would land in the block of a cluster 300 ports lower), the JWKS and PostgreSQL last. Clusters (and dev servers)
 * whose ports are 20 apart share none.
 */
export function clusterPorts(frontend: number): ClusterPorts {
  if (!Number.isInteger(frontend) || frontend < 1024 || frontend > MAX_FRONTEND_PORT) {
    throw new Error(`TSF_CLUSTER_PORT must be an integer from 1024 to ${MAX_FRONTEND_PORT}, got ${frontend}`);
  }
  const at = (offset: number): ServicePorts => ({ grpc: frontend + offset, membership: frontend + offset + 11 });
  return {
    services: { frontend: at(0), history: at(1), matching: at(2), 'internal-frontend': at(3), worker: at(6) },
    frontendHttp: frontend + 10,
    jwks: frontend + PORTS_PER_CLUSTER - 2,
    postgres: frontend + PORTS_PER_CLUSTER - 1,
  };
}

/** `${TSF_CLUSTER_PORT:-7233}` */
export function clusterPortFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TSF_CLUSTER_PORT;
  return raw ? Number(raw) : DEFAULT_CLUSTER_PORT;
}

export interface ClusterPaths {
  /** `<dataDir>/cluster` */
  root: string;
  /** PostgreSQL's data folder, owned by the user PostgreSQL runs as. */
  pgData: string;
  /** Written once the databases and their schema exist: without it a half-made pg folder is made again. */
  pgReady: string;
  /** The frontend address the cluster metadata record holds, once written (see startServices). */
  metadataReady: string;
  /** The password of the `temporal` database user (random, made once). */
  pgPassword: string;
  tls: string;
  /** The API key signing key of `--auth jwt`. */
  jwt: string;
  logs: string;
  /** The server's `--config` folder: `<env>.yaml` and the dynamic config file. */
  config: string;
  profile: string;
  /** Which process runs this cluster and the pids of what it started, to clean up after a SIGKILLed run. */
  runFile: string;
}

export function clusterPaths(dataDir: string = defaultDataDir()): ClusterPaths {
  const root = path.join(path.resolve(dataDir), 'cluster');
  return {
    root,
    pgData: path.join(root, 'pg'),
    pgReady: path.join(root, 'pg-ready'),
    metadataReady: path.join(root, 'metadata-ready'),
    pgPassword: path.join(root, 'pg-password'),
    tls: path.join(root, 'tls'),
    jwt: path.join(root, 'jwt'),
    logs: path.join(root, 'logs'),
    config: path.join(root, 'config'),
    profile: path.join(root, 'temporal.toml'),
    runFile: path.join(root, 'run.json'),
  };
}
