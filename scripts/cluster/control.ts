/**
 * A cluster's kill and restart controls over HTTP on loopback, for `npm run test:cluster`: the cluster runs in the
 * test runner's process, the test files in node's test runner's processes, and a file that crashes the history
 * service or restarts PostgreSQL in the middle of a Map Run asks the runner to do it.
 *
 *   POST /kill/<service|postgres>   SIGKILL, as a crash would; answers once it has exited
 *   POST /restart/<service>         a new process of a service (after a kill, or a SIGTERM stop)
 *   POST /restart-postgres          fast shutdown and a new postgres on the same data
 *   GET  /pids                      { name: pid }
 *
 * Each answers JSON: `{ ok: true, ms }` (or the pids), or `{ ok: false, error }` with status 500.
 */
import * as http from 'node:http';
import type { Cluster } from './cluster';
import { servicesFor, type ServiceName } from './layout';

export interface ClusterControlServer {
  /** `http://127.0.0.1:<port>`, for TSF_CLUSTER_CONTROL. */
  url: string;
  close(): Promise<void>;
}

type Action = (name: string) => Promise<void>;

function route(cluster: Cluster, method: string, url: string): (() => Promise<unknown>) | undefined {
  const services: string[] = servicesFor(cluster.auth);
  const service = (name: string): ServiceName => {
    if (!services.includes(name)) throw new Error(`No service named ${name} (known: ${services.join(', ')})`);
    return name as ServiceName;
  };
  const timed = (action: Action, name: string) => async () => {
    const started = Date.now();
    await action(name);
    return { ok: true, ms: Date.now() - started };
  };
  const [, verb, name = ''] = url.split('/');
  if (method === 'GET' && verb === 'pids') return async () => cluster.pids();
  if (method !== 'POST') return undefined;
  if (verb === 'kill') return timed((n) => cluster.kill(n === 'postgres' ? 'postgres' : service(n)), name);
  if (verb === 'restart') return timed((n) => cluster.restart(service(n)), name);
  if (verb === 'restart-postgres') return timed(() => cluster.restartPostgres(), name);
  return undefined;
}

export async function serveClusterControl(cluster: Cluster): Promise<ClusterControlServer> {
  const server = http.createServer((req, res) => {
    const handler = route(cluster, req.method ?? 'GET', req.url ?? '/');
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!handler) {
      reply(404, { ok: false, error: `No control ${req.method} ${req.url}` });
      return;
    }
    handler().then(
      (body) => reply(200, body),
      (err: unknown) => reply(500, { ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
