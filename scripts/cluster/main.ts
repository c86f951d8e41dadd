// `npm run cluster [-- --port N] [--data-dir DIR] [--auth mtls|jwt]`: a real Temporal cluster in the foreground,
// like `tsf server`. package.json runs it as `exec node --import tsx ...`: one process takes the signals, so the
// SIGTERM npm forwards reaches it (through `sh -c` it would not), and no tsx wrapper relays a Ctrl-C a second time
// (a tsx parent SIGKILLs a child that does not acknowledge a relayed signal within 30 ms).
// Ctrl-C (SIGINT), SIGTERM or SIGHUP stops everything it started; a process that dies unasked stops the rest.
import { parseArgs } from 'node:util';
import { consoleLog } from '../dev-server/defaults';
import { startCluster, type Cluster } from './cluster';
import { clusterPortFromEnv, servicesFor, type AuthMode } from './layout';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function parseCommandLine(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, auth: { type: 'string' } },
  });
  const auth = values.auth ?? 'mtls';
  if (auth !== 'mtls' && auth !== 'jwt') throw new Error(`--auth takes mtls (the default) or jwt, not ${auth}`);
  const port = values.port ? Number(values.port) : clusterPortFromEnv();
  return { port, dataDir: values['data-dir'], auth: auth as AuthMode };
}

function describe(cluster: Cluster): string {
  const { ports } = cluster;
  const services = servicesFor(cluster.auth)
    .map((name) => `${name} ${ports.services[name].grpc}/${ports.services[name].membership}`)
    .join(', ');
  const auth =
    cluster.auth === 'jwt'
      ? `TLS + API keys (JWKS on port ${ports.jwks}; the profile holds a temporal-system:admin key)`
      : 'mTLS';
  const timings = Object.entries(cluster.timings)
    .map(([phase, s]) => `${phase} ${s} s`)
    .join(', ');
  return [
    `Temporal cluster ready at ${cluster.address} (${auth}, namespace ${cluster.namespace}).`,
    `  ports (gRPC/membership): ${services}; frontend HTTP ${ports.frontendHttp}; PostgreSQL ${ports.postgres}`,
    `  pids: ${JSON.stringify(cluster.pids())}`,
    `  logs: ${cluster.paths.logs}`,
    `  start: ${timings}`,
    'Press Ctrl-C to stop. In another shell:',
  ].join('\n');
}

export async function runClusterCommand(argv: string[]): Promise<number> {
  const log = consoleLog;
  const { port, dataDir, auth } = parseCommandLine(argv);
  const abort = new AbortController();
  let stopRequested!: () => void;
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    // tsx relays the terminal's Ctrl-C, so the same stop request can arrive twice.
    if (!abort.signal.aborted) log(`${signal}: stopping the cluster…`);
    abort.abort();
    stopRequested();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    const cluster = await startCluster({ dataDir, port, auth, log, signal: abort.signal });
    log(describe(cluster));
    process.stdout.write(`export TEMPORAL_CONFIG_FILE=${cluster.profileFile}\n`);
    const failure = await Promise.race([stopped.then(() => undefined), cluster.failed]);
    if (failure) log(`The cluster stops: ${failure}`);
    await cluster.stop();
    log('Temporal cluster stopped');
    return failure ? 1 : 0;
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
}

if (require.main === module) {
  runClusterCommand(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
