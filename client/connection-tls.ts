/**
 * The TLS half of the connection settings: on or off as envconfig decides it (a tls section of the profile or a
 * TEMPORAL_TLS* variable; an API key alone turns it on), certificate and key files read here, once, so a missing
 * or unreadable one is reported by the setting that names it (`TEMPORAL_TLS_CLIENT_CERT_PATH`, or
 * `tls.client_cert_path of profile 'default' in <file>`).
 */
import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { ClientConfigProfile, ConfigDataSource } from '@temporalio/envconfig';
import { ConnectionSettingsError } from './connection-errors';

/** Where each TLS setting came from (part of SettingSources). */
export interface TlsSources {
  apiKey?: string;
  tls: string;
  clientCert?: string;
  clientKey?: string;
  serverCaCert?: string;
  serverName?: string;
}

const TLS_FILES = {
  clientCert: {
    what: 'TLS client certificate',
    key: 'client_cert',
    env: 'TEMPORAL_TLS_CLIENT_CERT',
    pem: 'CERTIFICATE',
  },
  clientKey: { what: 'TLS client key', key: 'client_key', env: 'TEMPORAL_TLS_CLIENT_KEY', pem: 'PRIVATE KEY' },
  serverCaCert: {
    what: 'TLS server CA certificate',
    key: 'server_ca_cert',
    env: 'TEMPORAL_TLS_SERVER_CA_CERT',
    pem: 'CERTIFICATE',
  },
} as const;
type TlsFile = keyof typeof TLS_FILES;

export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return (error as Error).message;
}

/** Reads one certificate or key (path or inline data) and checks it looks like PEM. */
function readTlsFile(which: TlsFile, source: ConfigDataSource | undefined, from: string): Uint8Array | undefined {
  if (!source) return undefined;
  const { what, pem } = TLS_FILES[which];
  let content: Buffer;
  if ('path' in source) {
    try {
      content = fs.readFileSync(source.path);
    } catch (error) {
      throw new ConnectionSettingsError(`Cannot read the ${what} ${source.path} (${from}): ${reason(error)}`, from);
    }
  } else {
    content = Buffer.from(source.data);
  }
  if (!content.toString('latin1').includes(`${pem}-----`)) {
    const file = 'path' in source ? ` ${source.path}` : '';
    throw new ConnectionSettingsError(`The ${what}${file} (${from}) is not PEM (no '${pem}' block)`, from);
  }
  return content;
}

/** TLS as envconfig decides it (a tls section or TEMPORAL_TLS*; an API key alone turns it on), files read here. */
export function resolveTls(
  merged: ClientConfigProfile,
  fromFile: ClientConfigProfile,
  env: Record<string, string>,
  sources: TlsSources,
  inProfile: (key: string) => string,
): TLSConfig | false {
  const t = merged.tls;
  if (!t) {
    if (!merged.apiKey) return false;
    sources.tls = `on, because an API key is set (${sources.apiKey})`;
    return {};
  }
  if (t.disabled) {
    sources.tls = `off (${env.TEMPORAL_TLS !== undefined ? 'TEMPORAL_TLS' : inProfile('tls.disabled')})`;
    return false;
  }
  const tlsVars = Object.keys(env).filter((k) => k === 'TEMPORAL_TLS' || k.startsWith('TEMPORAL_TLS_'));
  sources.tls = `on (${[...(fromFile.tls ? [inProfile('tls')] : []), ...tlsVars].join(', ')})`;
  const fileFrom = (which: TlsFile): string | undefined => {
    const { key, env: prefix } = TLS_FILES[which];
    const kind = t[which === 'serverCaCert' ? 'serverCACert' : which];
    if (!kind) return undefined;
    const suffix = 'path' in kind ? '_PATH' : '_DATA';
    return env[prefix + suffix] !== undefined ? prefix + suffix : inProfile(`tls.${key}${suffix.toLowerCase()}`);
  };
  for (const which of Object.keys(TLS_FILES) as TlsFile[]) {
    const from = fileFrom(which);
    if (from) sources[which] = from;
  }
  if (t.serverName) {
    sources.serverName = env.TEMPORAL_TLS_SERVER_NAME ? 'TEMPORAL_TLS_SERVER_NAME' : inProfile('tls.server_name');
  }
  if (Boolean(t.clientCert) !== Boolean(t.clientKey)) {
    const [has, lacks] = t.clientCert ? (['clientCert', 'clientKey'] as const) : (['clientKey', 'clientCert'] as const);
    throw new ConnectionSettingsError(
      `A ${TLS_FILES[has].what} is set (${sources[has]}) but no ${TLS_FILES[lacks].what}: set ` +
        `${TLS_FILES[lacks].env}_PATH or tls.${TLS_FILES[lacks].key}_path in the profile`,
      sources[has]!,
    );
  }
  const crt = readTlsFile('clientCert', t.clientCert, sources.clientCert ?? '');
  const key = readTlsFile('clientKey', t.clientKey, sources.clientKey ?? '');
  const ca = readTlsFile('serverCaCert', t.serverCACert, sources.serverCaCert ?? '');
  return {
    ...(t.serverName ? { serverNameOverride: t.serverName } : {}),
    ...(ca ? { serverRootCACertificate: ca } : {}),
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
  };
}
