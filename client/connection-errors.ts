/**
 * Errors that name the setting to fix. gRPC's own are cryptic ("Failed to connect before the deadline",
 * "transport error", "5 NOT_FOUND: Namespace x is not found."), so they are translated where they surface: at
 * connect (with what tls-probe.ts learned about the server), at the first call, at worker start.
 */
import { NamespaceNotFoundError } from '@temporalio/client';

/** A setting that cannot be used: a file that is missing or unreadable, a profile that does not exist, ... */
export class ConnectionSettingsError extends Error {
  constructor(
    message: string,
    /** The variable or profile key at fault. */
    readonly setting: string,
  ) {
    super(message);
    this.name = 'ConnectionSettingsError';
  }
}

export type ConnectFailure =
  | 'refused'
  | 'unresolved'
  | 'tls-required'
  | 'server-plaintext'
  | 'server-cert-untrusted'
  | 'server-name-mismatch'
  | 'client-cert-required'
  | 'client-cert-rejected'
  | 'unknown';

export interface ConnectDiagnosis {
  failure: ConnectFailure;
  /** What the TLS library said, when it said something useful. */
  detail?: string;
}

/** The server could not be reached or refused the connection; `failure` says why. */
export class TemporalConnectionError extends Error {
  constructor(
    message: string,
    readonly failure: ConnectFailure,
  ) {
    super(message);
    this.name = 'TemporalConnectionError';
  }
}

export class NamespaceNotFound extends Error {
  constructor(
    message: string,
    readonly namespace: string,
  ) {
    super(message);
    this.name = 'NamespaceNotFound';
  }
}

export class SearchAttributeMissing extends Error {
  constructor(
    message: string,
    readonly attribute: string,
  ) {
    super(message);
    this.name = 'SearchAttributeMissing';
  }
}

/** The server refused a request for want of authorization (API key, client certificate identity). */
export class TemporalPermissionDenied extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemporalPermissionDenied';
  }
}

/** What the messages need to know of the settings (a subset of ConnectionSettings). */
export interface SettingsContext {
  address: string;
  namespace: string;
  tls?: unknown;
  apiKey?: string;
  configFile?: string;
  sources?: {
    address: string;
    namespace: string;
    apiKey?: string;
    tls?: string;
    clientCert?: string;
    serverCaCert?: string;
  };
}

const TLS_HOW =
  'set TEMPORAL_TLS=true, with TEMPORAL_TLS_SERVER_CA_CERT_PATH for a private CA and TEMPORAL_TLS_CLIENT_CERT_PATH + ' +
  'TEMPORAL_TLS_CLIENT_KEY_PATH for mTLS (or the same in the [profile.<name>.tls] section of the profile file)';

const from = (source: string | undefined) => (source ? ` (${source})` : '');

/** The message for a failed connect, by what the probe found. */
export function connectFailureMessage(s: SettingsContext, d: ConnectDiagnosis, original?: string): string {
  const at = `the Temporal server at ${s.address}${from(s.sources?.address)}`;
  const detail = d.detail ? ` (${d.detail})` : '';
  switch (d.failure) {
    case 'refused':
      return `Nothing answers at ${s.address}${from(s.sources?.address)}: is the Temporal server running? (\`tsf server\` starts a dev server)`;
    case 'unresolved':
      return `Cannot resolve the host of ${s.address}${from(s.sources?.address)}${detail}`;
    case 'tls-required':
      return `The server at ${s.address}${from(s.sources?.address)} refused the connection: it requires TLS and this client spoke plaintext (TLS ${s.sources?.tls ?? 'off'}); ${TLS_HOW}`;
    case 'server-plaintext':
      return `The server at ${s.address}${from(s.sources?.address)} does not speak TLS, but this client uses TLS (${s.sources?.tls ?? 'on'}): remove the TLS settings or set TEMPORAL_TLS=false`;
    case 'server-cert-untrusted':
      return `${cap(at)} presented a certificate this client does not trust${detail}: set the CA that signed it with TEMPORAL_TLS_SERVER_CA_CERT_PATH or tls.server_ca_cert_path${s.sources?.serverCaCert ? ` (now ${s.sources.serverCaCert})` : ''}`;
    case 'server-name-mismatch':
      return `The certificate of ${at} is not issued for the name this client checks${detail}: set TEMPORAL_TLS_SERVER_NAME or tls.server_name to a name in it`;
    case 'client-cert-required':
      return `${cap(at)} refused the connection: it requires a client certificate (mTLS) and none is set; set TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH (or tls.client_cert_path and tls.client_key_path in the profile)`;
    case 'client-cert-rejected':
      return `${cap(at)} rejected the TLS client certificate${from(s.sources?.clientCert)}${detail}: it is not signed by a CA the server trusts, or it has expired`;
    default:
      return `Cannot connect to ${at}, TLS ${s.sources?.tls ?? (s.tls ? 'on' : 'off')}: ${original ?? d.detail ?? 'no answer'}`;
  }
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The gRPC status code of a failed call, found along its cause chain. */
export function grpcCode(error: unknown): number | undefined {
  for (let e: any = error; e; e = e.cause) if (typeof e.code === 'number') return e.code;
  return undefined;
}

function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e: any = error; e && parts.length < 5; e = e.cause) parts.push(String(e.message ?? e));
  return parts.join(' | ');
}

const SEARCH_ATTRIBUTE_PATTERNS = [
  /no mapping defined for search attribute (\w+)/,
  /'(\w+)' is not a valid search attribute/,
  /search attribute (\w+) is not defined/i,
  /unable to find search attribute (\w+)/i,
];

export function namespaceNotFound(s: SettingsContext, namespace = s.namespace): NamespaceNotFound {
  return new NamespaceNotFound(
    `Namespace '${namespace}' does not exist on the Temporal server at ${s.address}` +
      `${from(s.sources?.namespace && `namespace from ${s.sources.namespace}`)}: ` +
      '`tsf setup` creates it (with the retention and the search attributes the engine needs)',
    namespace,
  );
}

export function searchAttributeMissing(s: SettingsContext, names: string[]): SearchAttributeMissing {
  const list = names.join(', ');
  return new SearchAttributeMissing(
    `Namespace '${s.namespace}' on ${s.address} lacks the search attribute${names.length > 1 ? 's' : ''} ${list}, ` +
      "which the engine needs: run `tsf setup` to register the engine's search attributes",
    names[0] ?? '',
  );
}

export function permissionDenied(s: SettingsContext, serverMessage: string): TemporalPermissionDenied {
  const hint = s.apiKey
    ? `check the API key${from(s.sources?.apiKey)}: it may be wrong, expired, or lack a role on namespace '${s.namespace}'`
    : 'no API key is set: set TEMPORAL_API_KEY or api_key in the profile';
  return new TemporalPermissionDenied(
    `The Temporal server at ${s.address} refused the request (${serverMessage}): ${hint}`,
  );
}

/**
 * A failed call, named: an unknown namespace, a search attribute the namespace lacks, a refused credential.
 * Anything else is returned as it was.
 */
export function translateServiceError(error: unknown, s: SettingsContext): unknown {
  if (error instanceof NamespaceNotFoundError) return namespaceNotFound(s, error.namespace);
  const text = messages(error);
  const code = grpcCode(error);
  const ns = /Namespace (\S+) is not found/.exec(text);
  if (ns && (code === 5 || code === undefined)) return namespaceNotFound(s, ns[1]!.replace(/\.$/, ''));
  for (const pattern of SEARCH_ATTRIBUTE_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return searchAttributeMissing(s, [match[1]!]);
  }
  if (code === 7 || code === 16) return permissionDenied(s, text.replace(/^.*?\d+ [A-Z_]+: /, ''));
  return error;
}
