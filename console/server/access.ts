/**
 * Who may talk to the console. Three independent guards:
 * - Host check: on a loopback bind, only loopback Host headers are served, so a hostile page that rebinds its
 *   own DNS name to 127.0.0.1 cannot read the API.
 * - Access token: required when bound to another address (and whenever `--token` is given), from
 *   `Authorization: Bearer`, the cookie the first `/?token=` visit sets, or `?token=`.
 * - CSRF: every state-changing request must be same-origin (`Origin`, `Sec-Fetch-Site`) and carry the per-process
 *   token that only the console's own HTML holds (`X-TSF-CSRF`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const CSRF_HEADER = 'x-tsf-csrf';
export const TOKEN_COOKIE = 'tsf_console_token';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function forbidden(message: string) {
  return Response.json({ name: 'Forbidden', message }, { status: 403 });
}

export function hostGuard(loopbackOnly: boolean): MiddlewareHandler {
  return async (c, next) => {
    // The request URL is built from the Host header the browser sent.
    const host = new URL(c.req.url).hostname;
    if (loopbackOnly && !isLoopbackHost(host)) return forbidden(`Host '${host}' is not served: the console is local`);
    await next();
  };
}

export function accessTokenGuard(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (token === undefined) return next();
    const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const fromQuery = c.req.query('token');
    if (sameSecret(bearer, token) || sameSecret(getCookie(c, TOKEN_COOKIE), token)) return next();
    if (sameSecret(fromQuery, token)) {
      // Trade the token in the URL for a cookie, then drop it from the address bar (and from history).
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      if (c.req.method === 'GET' && !c.req.path.startsWith('/api/')) return c.redirect(c.req.path);
      return next();
    }
    return Response.json(
      { name: 'Unauthorized', message: 'This console needs its access token: open the URL `tsf console` printed' },
      { status: 401 },
    );
  };
}

export function csrfGuard(csrfToken: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin') {
      return forbidden(`Cross-site request refused (Sec-Fetch-Site: ${site})`);
    }
    const origin = c.req.header('origin');
    const expected = new URL(c.req.url).origin;
    if (origin !== undefined && origin !== expected) {
      return forbidden(`Cross-site request refused: Origin ${origin} is not ${expected}`);
    }
    if (!sameSecret(c.req.header(CSRF_HEADER), csrfToken)) {
      return forbidden(`Missing or wrong ${CSRF_HEADER} header: reload the console page`);
    }
    await next();
  };
}
