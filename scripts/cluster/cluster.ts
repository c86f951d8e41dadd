/**
 * startCluster(): a real Temporal cluster on this machine. PostgreSQL, then the four services as separate
 * processes with mTLS on the frontend, the client profile, the engine's namespace. Used by `npm run cluster`
 * (main.ts) and by the cluster tests, which kill and restart single services and PostgreSQL under load.
 */
import * as fs from 'node:fs';
import type { Connection } from '@temporalio/client';
import { consoleLog, DEFAULT_NAMESPACE, defaultDataDir, type Log } from '../dev-server/defaults';
import { isPortOpen } from '../dev-server/ready';
import { ensureClusterBinaries, type ClusterBinaries } from './build';
import { ensureCertificates } from './certificates';
import { Children } from './children';
import { writeServerConfig } from './config';
import { startAuth, type ClusterAuth } from './auth';
import { clusterPaths, clusterPortFromEnv, clusterPorts, PORTS_PER_CLUSTER, servicesFor } from './layout';
import type { AuthMode, ClusterPaths } from './layout';
import type { MintOptions } from './jwt';
import type { ClusterPorts, ServiceName } from './layout';
import { prepareClusterNamespace } from './namespace';
import { initDatabaseCluster, PG_STOP_GRACE_MS, startPostgres, stopLeftoverPostgres } from './postgres';
import { ensurePgBin, pgUser, type PgUser } from './postgres-install';
import { connectWithProfile, writeProfile } from './profile';
import { claimDataDir, removeRunFile, writeRunFile } from './run-file';
import { createSchema } from './schema';
import { SERVICE_STOP_GRACE_MS, startService } from './services';
import { pollUntil, type PollOptions } from './wait';

export interface ClusterOptions {
  /** Default `${TSF_DATA_DIR:-.tsf}`; the cluster lives in its `cluster/` folder. */
  dataDir?: string;
  /** The frontend's gRPC port, default `${TSF_CLUSTER_PORT:-7233}`; the other ports derive from it. */
  port?: number;
  log?: Log;
  /** For the frontend, the namespace, history and matching, each; default 120 s. */
  readyTimeoutMs?: number;
  /** Default mtls (client certificates); jwt: server-side TLS and API keys (the default JWT authorizer). */
  auth?: AuthMode;
  /** Aborting it during the start stops what was started and rejects. */
  signal?: AbortSignal;
}

export interface Cluster {
  /** `127.0.0.1:<port>`: TLS only; the profile file has the certificates (and with jwt, an admin's API key). */
  address: string;
  auth: AuthMode;
  namespace: string;
  /** The envconfig TOML file (`TEMPORAL_CONFIG_FILE`), profile `default`. */
  profileFile: string;
  paths: ClusterPaths;
  ports: ClusterPorts;
  /** Seconds per start phase (build, initdb, postgres, schema, certificates, frontend, namespace) and in all. */
  timings: Record<string, number>;
  pids(): Record<string, number>;
  /** Resolves with a message when a process exits that was neither stopped nor killed through this object. */
  failed: Promise<string>;
  /** SIGTERM to the services, then PostgreSQL's fast shutdown; SIGKILL after a grace period. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would; resolves once it has exited. */
  kill(name: ServiceName | 'postgres'): Promise<void>;
  /** Stops the service (SIGTERM, or nothing if it was killed) and starts a new process of it. */
  restart(service: ServiceName): Promise<void>;
  /** Fast shutdown of PostgreSQL and a new postgres on the same data and port; the services reconnect. */
  restartPostgres(): Promise<void>;
  /** `--auth jwt` only: an API key, e.g. `{ permissions: ['default:write'] }`. */
  mintApiKey(options: MintOptions): string;
}

async function timed<T>(timings: Record<string, number>, phase: string, fn: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings[phase] = Math.round((Date.now() - started) / 100) / 10;
  }
}

async function checkPortsFree(ports: ClusterPorts, auth: AuthMode): Promise<void> {
  const services = servicesFor(auth).flatMap((s) => Object.values(ports.services[s]));
  const all = [ports.postgres, ports.frontendHttp, ...services, ...(auth === 'jwt' ? [ports.jwks] : [])];
  for (const port of all) {
    if (await isPortOpen(`127.0.0.1:${port}`, 500)) {
      throw new Error(
        `Port ${port} on 127.0.0.1 is in use (the cluster on frontend port ${ports.services.frontend.grpc} needs ` +
          `${all.join(', ')}). Stop what uses it or set TSF_CLUSTER_PORT to another port ` +
          `(a cluster takes ${PORTS_PER_CLUSTER} from it).`,
      );
    }
  }
}

interface Context {
  paths: ClusterPaths;
  ports: ClusterPorts;
  bins: ClusterBinaries;
  pgBin: string;
  user: PgUser | undefined;
  children: Children;
  auth: ClusterAuth;
  log: Log;
}

/** Starts PostgreSQL; on the first start (no pg-ready marker) makes its database cluster and schema first. */
async function postgresPhase(ctx: Context, timings: Record<string, number>) {
  const { paths, ports, pgBin, user, log } = ctx;
  const fresh = !fs.existsSync(paths.pgReady);
  if (fresh) await timed(timings, 'initdb', () => initDatabaseCluster(paths, pgBin, user, log));
  const postgres = await timed(timings, 'postgres', () => startPostgres(paths, pgBin, user, ports.postgres));
  ctx.children.add(postgres.process);
  log(`PostgreSQL ready on 127.0.0.1:${ports.postgres} (data ${paths.pgData}, log ${postgres.process.logFile})`);
  if (fresh) {
    await timed(timings, 'schema', () => createSchema(ctx.bins.sql, ports.postgres, postgres.password));
    fs.writeFileSync(paths.pgReady, `${new Date().toISOString()}\n`);
    log('Created the databases temporal and temporal_visibility with the schema embedded in the sql tool');
  }
  return postgres;
}

/**
 * The services, and a connection once the frontend answers. Each service writes the cluster metadata record at
 * start when it is missing or names another frontend address (a data folder reused on another port); together
 * they would race and the losers exit ("Failed to apply cluster metadata", "version mismatch"). So then the
 * frontend starts first, and the others once its gRPC port is open, which it opens after writing the record. Not
 * later: a service alone would first try to join the ring members the last run left in the membership table
 * (up to maxJoinDuration, 30 s) while they are still down.
 */
async function startServices(ctx: Context, address: string, wait: Omit<PollOptions, 'what'>): Promise<Connection> {
  const { paths, bins, children } = ctx;
  const recorded = fs.existsSync(paths.metadataReady) ? fs.readFileSync(paths.metadataReady, 'utf8').trim() : '';
  const services = servicesFor(ctx.auth.mode);
  if (recorded !== address) {
    children.add(startService(bins.server, paths, 'frontend'));
    await pollUntil(async () => ((await isPortOpen(address, 500)) ? true : undefined), {
      what: `the frontend's port ${address}`,
      ...wait,
    });
    fs.writeFileSync(paths.metadataReady, `${address}\n`);
  }
  for (const service of services) {
    if (!children.get(service)) children.add(startService(bins.server, paths, service));
  }
  return pollUntil(() => connectWithProfile(paths.profile), { what: `the frontend at ${address}`, ...wait });
}

function controls(ctx: Context) {
  const { children, paths, ports, pgBin, user, bins, auth } = ctx;
  const signalFor = (name: string): NodeJS.Signals => (name === 'postgres' ? 'SIGINT' : 'SIGTERM');
  const emergency = () => children.signalAll(signalFor);
  process.on('exit', emergency);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(servicesFor(auth.mode).map((s) => children.stop(s, SERVICE_STOP_GRACE_MS)));
      // SIGINT is PostgreSQL's fast shutdown (what `pg_ctl stop -m fast` sends): no waiting for clients.
      await children.stop('postgres', PG_STOP_GRACE_MS, 'SIGINT');
      await auth.close();
      process.off('exit', emergency);
      removeRunFile(paths);
    })());
  return {
    stop,
    mintApiKey: (options: MintOptions) => auth.mintApiKey(options),
    kill: (name: ServiceName | 'postgres') => children.kill(name),
    restart: async (service: ServiceName) => {
      await children.stop(service, SERVICE_STOP_GRACE_MS);
      children.add(startService(bins.server, paths, service));
    },
    restartPostgres: async () => {
      await children.stop('postgres', PG_STOP_GRACE_MS, 'SIGINT');
      children.add((await startPostgres(paths, pgBin, user, ports.postgres)).process);
    },
  };
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? consoleLog;
  const paths = clusterPaths(options.dataDir ?? defaultDataDir());
  const ports = clusterPorts(options.port ?? clusterPortFromEnv());
  const authMode = options.auth ?? 'mtls';
  const timings: Record<string, number> = {};
  const started = Date.now();
  const address = `127.0.0.1:${ports.services.frontend.grpc}`;
  fs.mkdirSync(paths.logs, { recursive: true });
  await claimDataDir(paths, log, SERVICE_STOP_GRACE_MS);
  await stopLeftoverPostgres(paths, log);
  await checkPortsFree(ports, authMode);

  const bins = await timed(timings, 'build', () => ensureClusterBinaries(log));
  const pgBin = await ensurePgBin(log);
  if (options.signal?.aborted) throw new Error('Stopped by a signal before the cluster started');
  const children = new Children((pids) => writeRunFile(paths, pids));
  const auth = await startAuth(authMode, paths, ports);
  const ctx: Context = { paths, ports, bins, pgBin, user: pgUser(), children, auth, log };
  const control = controls(ctx);
  const failure = () => (options.signal?.aborted ? 'Stopped by a signal' : children.firstFailure());
  const wait = { timeoutMs: options.readyTimeoutMs ?? 120_000, failure };
  try {
    const postgres = await postgresPhase(ctx, timings);
    const tls = await timed(timings, 'certificates', () => ensureCertificates(paths.tls, log));
    writeServerConfig({ paths, ports, tls, postgres, auth: authMode, jwksUrl: auth.jwksUrl });
    writeProfile(paths.profile, address, tls, auth.profileApiKey);
    if (failure()) throw new Error(failure());
    const connection = await timed(timings, 'frontend', () => startServices(ctx, address, wait));
    try {
      await timed(timings, 'namespace', () => prepareClusterNamespace(connection, { log, ...wait }));
    } finally {
      await connection.close();
    }
  } catch (err) {
    await control.stop();
    throw err;
  }
  timings.total = Math.round((Date.now() - started) / 100) / 10;
  return {
    address,
    auth: authMode,
    namespace: DEFAULT_NAMESPACE,
    profileFile: paths.profile,
    paths,
    ports,
    timings,
    pids: () => children.pids(),
    failed: children.failed,
    ...control,
  };
}
