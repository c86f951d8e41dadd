/**
 * Serves the JWKS on loopback for the server's key provider, from the process that runs the cluster (the server
 * fetches over HTTP only: `file://` is not a key source). It lives and dies with the cluster.
 */
import * as http from 'node:http';

export const JWKS_PATH = '/.well-known/jwks.json';

export interface JwksServer {
  url: string;
  close(): Promise<void>;
}

export async function serveJwks(port: number, document: object): Promise<JwksServer> {
  const body = JSON.stringify(document);
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === JWKS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  // Never the reason our process stays alive: the cluster's children and signal handlers decide that.
  server.unref();
  return {
    url: `http://127.0.0.1:${port}${JWKS_PATH}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
