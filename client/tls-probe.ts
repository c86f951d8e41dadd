/**
 * Why a connect failed. gRPC only says "Failed to connect before the deadline" (grpc-js) or "transport error"
 * (the worker's Rust core), whatever the cause; one TCP connect and one TLS handshake with the same settings say
 * which: nothing listens, the server wants TLS, the server does not speak TLS, a certificate is refused.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { TLSConfig } from '@temporalio/client';
import type { ConnectDiagnosis } from './connection-errors';

/** `host:port`, `[v6]:port`, with an optional `scheme://` (gRPC target syntax) in front. */
export function splitAddress(address: string): { host: string; port: number } | undefined {
  const bare = address.replace(/^[a-z]+:\/{0,3}/i, '');
  const match = /^(?:\[([^\]]+)\]|([^:/]+)):(\d+)$/.exec(bare.trim());
  if (!match) return undefined;
  return { host: match[1] ?? match[2]!, port: Number(match[3]) };
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

type Err = NodeJS.ErrnoException & { reason?: string };

/** Classifies a TLS error seen by a client that uses TLS; undefined when it says nothing about TLS. */
export function classifyTlsError(error: Err, sentClientCert: boolean): ConnectDiagnosis | undefined {
  const code = error.code ?? '';
  const text = `${code} ${error.message}`;
  if (/wrong version number|packet length too long|unknown protocol|record layer failure/i.test(text)) {
    return { failure: 'server-plaintext' };
  }
  if (UNTRUSTED.has(code)) return { failure: 'server-cert-untrusted', detail: code };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return { failure: 'server-name-mismatch', detail: error.reason };
  if (/alert/i.test(text)) {
    const alert = /alert ([a-z ]+)/i.exec(error.message)?.[1]?.trim() ?? code;
    if (/certificate required/i.test(text) || !sentClientCert)
      return { failure: 'client-cert-required', detail: alert };
    return { failure: 'client-cert-rejected', detail: `TLS alert: ${alert}` };
  }
  return undefined;
}

function tcpCheck(host: string, port: number, timeoutMs: number): Promise<ConnectDiagnosis | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (d: ConnectDiagnosis | undefined) => {
      socket.destroy();
      resolve(d);
    };
    socket.setTimeout(timeoutMs, () => done({ failure: 'unknown', detail: `no TCP answer within ${timeoutMs} ms` }));
    socket.once('connect', () => done(undefined));
    socket.once('error', (e: Err) => {
      if (e.code === 'ECONNREFUSED') done({ failure: 'refused' });
      else if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') done({ failure: 'unresolved', detail: e.code });
      else done({ failure: 'unknown', detail: e.message });
    });
  });
}

/** HTTP/2's client preface and an empty SETTINGS frame: a gRPC server answers with its own SETTINGS. */
const H2_PREFACE = Buffer.concat([
  Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
  Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]),
]);

function tlsCheck(host: string, port: number, config: TLSConfig | false, timeoutMs: number): Promise<ConnectDiagnosis> {
  const plaintextClient = config === false;
  const c = config || {};
  const servername = c.serverNameOverride ?? (net.isIP(host) ? undefined : host);
  const sentCert = Boolean(c.clientCertPair);
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port,
      ALPNProtocols: ['h2'],
      ...(servername ? { servername } : {}),
      // A plaintext client only asks whether the server speaks TLS at all.
      rejectUnauthorized: !plaintextClient,
      ...(c.serverRootCACertificate ? { ca: Buffer.from(c.serverRootCACertificate) } : {}),
      ...(c.clientCertPair ? { cert: Buffer.from(c.clientCertPair.crt), key: Buffer.from(c.clientCertPair.key) } : {}),
    });
    let handshaken = false;
    const done = (d: ConnectDiagnosis) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(d);
    };
    const timer = setTimeout(
      () => done(handshaken ? { failure: 'unknown' } : { failure: 'unknown', detail: 'no TLS answer' }),
      timeoutMs,
    );
    socket.once('secureConnect', () => {
      handshaken = true;
      if (plaintextClient) return done({ failure: 'tls-required' });
      // TLS 1.3: the server judges the client certificate after the client's handshake is done; its verdict (an
      // alert, or a close) arrives on the first read.
      socket.write(H2_PREFACE);
    });
    socket.once('data', () => done({ failure: 'unknown' })); // TLS is fine: the failure is elsewhere
    socket.once('error', (e: Err) => {
      if (plaintextClient)
        return done(/alert/i.test(`${e.code} ${e.message}`) ? { failure: 'tls-required' } : { failure: 'unknown' });
      done(classifyTlsError(e, sentCert) ?? { failure: 'unknown', detail: e.message });
    });
    socket.once('close', () => {
      if (!handshaken || plaintextClient) return done({ failure: 'unknown' });
      done({
        failure: sentCert ? 'client-cert-rejected' : 'client-cert-required',
        detail: 'the server closed the connection after the TLS handshake',
      });
    });
  });
}

/** Finds why a connect with these settings fails; `unknown` when neither TCP nor TLS is the problem. */
export async function probeServer(
  settings: { address: string; tls: TLSConfig | false },
  timeoutMs = 3000,
): Promise<ConnectDiagnosis> {
  const target = splitAddress(settings.address);
  if (!target) return { failure: 'unknown', detail: `cannot parse the address '${settings.address}'` };
  const tcp = await tcpCheck(target.host, target.port, timeoutMs);
  if (tcp) return tcp;
  return tlsCheck(target.host, target.port, settings.tls, timeoutMs);
}
