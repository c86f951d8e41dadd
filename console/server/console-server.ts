/**
 * The console's HTTP server: the JSON API over the SDK under /api, the built front-end for everything else,
 * behind the guards of access.ts. `createConsoleApp` is the app alone (tests call it without a socket);
 * `startConsoleServer` listens.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { StepFunctions } from '../../client';
import { accessTokenGuard, csrfGuard, hostGuard, isLoopbackHost } from './access';
import { apiRoutes } from './api';

export interface ConsoleAppOptions {
  sfn: StepFunctions;
  /** Folder of the built front-end (web-build.ts). */
  webRoot: string;
  /** Serve only loopback Host names (the default bind). */
  loopbackOnly: boolean;
  /** Required from every client when set. */
  accessToken?: string;
  /** Per-process secret every POST must carry; random when not given. */
  csrfToken?: string;
}

export function createConsoleApp(options: ConsoleAppOptions): { app: Hono; csrfToken: string } {
  const csrfToken = options.csrfToken ?? randomBytes(24).toString('base64url');
  const indexHtml = fs
    .readFileSync(path.join(options.webRoot, 'index.html'), 'utf8')
    .replace('<head>', `<head>\n    <meta name="tsf-csrf" content="${csrfToken}" />`);
  const app = new Hono();
  app.use('*', hostGuard(options.loopbackOnly));
  app.use('*', accessTokenGuard(options.accessToken));
  app.use('*', async (c, next) => {
    await next();
    // The console is never framed (clickjacking of the Redrive button) and its answers are not cached.
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', "frame-ancestors 'none'");
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', csrfGuard(csrfToken));
  app.route('/api', apiRoutes(options.sfn));
  app.get('/', (c) => c.html(indexHtml));
  app.get('/index.html', (c) => c.html(indexHtml));
  app.use('/assets/*', serveStatic({ root: options.webRoot }));
  return { app, csrfToken };
}

export interface ConsoleServerOptions extends Omit<ConsoleAppOptions, 'loopbackOnly'> {
  host: string;
  port: number;
}

export interface RunningConsole {
  url: string;
  /** The URL to open: carries the access token when there is one. */
  openUrl: string;
  csrfToken: string;
  close(): Promise<void>;
}

export async function startConsoleServer(options: ConsoleServerOptions): Promise<RunningConsole> {
  const loopback = isLoopbackHost(options.host);
  if (!loopback && options.accessToken === undefined) {
    throw new Error(`Binding ${options.host} (not loopback) needs an access token`);
  }
  const { app, csrfToken } = createConsoleApp({ ...options, loopbackOnly: loopback });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shownHost}:${port}/`;
  return {
    url,
    openUrl: options.accessToken === undefined ? url : `${url}?token=${encodeURIComponent(options.accessToken)}`,
    csrfToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
