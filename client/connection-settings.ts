/**
 * Where to find Temporal and how to talk to it, resolved the way the `temporal` CLI and every Temporal SDK do it
 * (@temporalio/envconfig): a profile of the TOML file (`TEMPORAL_CONFIG_FILE`, else
 * `~/.config/temporalio/temporal.toml`; profile `TEMPORAL_PROFILE`, else `default`), overridden by the `TEMPORAL_*`
 * variables (address, namespace, API key, TLS). A user's existing `temporal` CLI profile works unchanged.
 *
 * Every setting remembers where it came from, so an error can name the variable or the profile key to fix.
 * Certificate files are read here, once: a missing or unreadable one is reported by the setting that names it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TLSConfig } from '@temporalio/client';
import { loadClientConfig, loadClientConfigProfile, type ClientConfigProfile } from '@temporalio/envconfig';
import { ConnectionSettingsError } from './connection-errors';
import { reason, resolveTls, type TlsSources } from './connection-tls';

export const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';
export const DEFAULT_TEMPORAL_NAMESPACE = 'default';

/** Where each setting came from: a variable (`TEMPORAL_ADDRESS`), a profile key, a caller, or `default`. */
export interface SettingSources extends TlsSources {
  address: string;
  namespace: string;
}

export interface ConnectionSettings {
  address: string;
  namespace: string;
  /** For `Connection.connect` and `NativeConnection.connect`: false is plaintext; certificate contents are read. */
  tls: TLSConfig | false;
  apiKey?: string;
  /** gRPC headers from the profile's `grpc_meta` and `TEMPORAL_GRPC_META_*`. */
  metadata?: Record<string, string>;
  /** The profile file that was read (none when there is no file). */
  configFile?: string;
  /** The profile used from it. */
  profile: string;
  sources: SettingSources;
}

export interface ResolveOptions {
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Instead of TEMPORAL_CONFIG_FILE and the default path. */
  configFile?: string;
  /** Instead of TEMPORAL_PROFILE. */
  profile?: string;
  /** Win over the profile and the variables; `source` names who set them (e.g. `--namespace`). */
  overrides?: { address?: string; namespace?: string; source?: string };
}

/** envconfig's default file: `$XDG_CONFIG_HOME` or `~/.config` (macOS: `~/Library/Application Support`). */
export function defaultConfigFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const home = env.HOME || os.homedir();
  let dir: string | undefined;
  if (process.platform === 'win32') dir = env.APPDATA;
  else if (process.platform === 'darwin') dir = home && path.join(home, 'Library', 'Application Support');
  else if (env.XDG_CONFIG_HOME) dir = path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : undefined;
  else dir = home && path.join(home, '.config');
  return dir ? path.join(dir, 'temporalio', 'temporal.toml') : undefined;
}

/** The variables envconfig reads (and the `temporal` CLI): TEMPORAL_CLI, the binary's path, is not one. */
export function isConnectionVariable(name: string): boolean {
  return /^TEMPORAL_(ADDRESS|NAMESPACE|API_KEY|PROFILE|CONFIG_FILE|TLS|TLS_.+|GRPC_META_.+|CODEC_.+)$/.test(name);
}

/** Unset and empty variables are the same thing here (envconfig would take an empty TEMPORAL_ADDRESS literally). */
function cleanEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && (v !== '' || k.startsWith('TEMPORAL_GRPC_META_'))) out[k] = v;
  }
  return out;
}

function readProfileFile(file: string | undefined, explicit: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return undefined; // no default file: no profile, as the temporal CLI does
    throw new ConnectionSettingsError(
      `Cannot read the Temporal profile file ${file}${explicit ? `, named by ${explicit}` : ''}: ${reason(error)}`,
      explicit ?? 'the default profile file',
    );
  }
}

function loadProfile(
  data: string | undefined,
  profileName: string | undefined,
  where: { file?: string; profileSetting: string },
  env?: Record<string, string>,
): ClientConfigProfile {
  // envconfig fails on a file without any [profile.*] table (an empty or all-comment file): that is no profile.
  const hasProfiles = data !== undefined && /\bprofile\b/.test(data);
  if (!hasProfiles && profileName) return missingProfile(profileName, data, where);
  if (!hasProfiles && !env) return {};
  try {
    return loadClientConfigProfile({
      ...(hasProfiles ? { configSource: { data } } : { disableFile: true }),
      profile: profileName,
      ...(env ? { overrideEnvVars: env } : { disableEnv: true }),
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/^Profile '.*' not found/.test(message)) return missingProfile(profileName ?? '', data, where);
    throw new ConnectionSettingsError(`Invalid Temporal profile file ${where.file}: ${message}`, where.file ?? '');
  }
}

function missingProfile(
  name: string,
  data: string | undefined,
  where: { file?: string; profileSetting: string },
): never {
  const names = (data ? profileNames(data) : []).join(', ') || 'none';
  const file = where.file
    ? `${where.file} has no [profile.${name}] (its profiles: ${names})`
    : 'there is no profile file';
  throw new ConnectionSettingsError(`${where.profileSetting}='${name}', but ${file}`, where.profileSetting);
}

function profileNames(data: string): string[] {
  try {
    return Object.keys(loadClientConfig({ configSource: { data } }).profiles);
  } catch {
    return [];
  }
}

/** The connection settings of this process: profile file, profile, TEMPORAL_* variables, defaults. */
export function resolveConnectionSettings(options: ResolveOptions = {}): ConnectionSettings {
  const env = cleanEnv(options.env ?? process.env);
  const fileSetting = options.configFile
    ? 'the profile file option'
    : env.TEMPORAL_CONFIG_FILE && 'TEMPORAL_CONFIG_FILE';
  const file = options.configFile ?? env.TEMPORAL_CONFIG_FILE ?? defaultConfigFile(env);
  const data = readProfileFile(file, fileSetting || undefined);
  const explicitProfile = options.profile ?? env.TEMPORAL_PROFILE;
  const profileSetting = options.profile ? 'the profile option' : 'TEMPORAL_PROFILE';
  const where = { file: data === undefined ? undefined : file, profileSetting };
  if (explicitProfile && data === undefined) {
    throw new ConnectionSettingsError(
      `${profileSetting}='${explicitProfile}', but there is no profile file (${file ?? 'no default path'})`,
      profileSetting,
    );
  }
  const fromFile = loadProfile(data, explicitProfile, where);
  const merged = loadProfile(data, explicitProfile, where, env);
  const profile = explicitProfile ?? 'default';
  const inProfile = (key: string) => `${key} of profile '${profile}' in ${where.file}`;
  const origin = (envVar: string, key: string, fileValue: unknown, fallback?: string): string | undefined =>
    env[envVar] !== undefined ? envVar : fileValue !== undefined ? inProfile(key) : fallback;

  const sources: SettingSources = {
    address: origin('TEMPORAL_ADDRESS', 'address', fromFile.address, 'default')!,
    namespace: origin('TEMPORAL_NAMESPACE', 'namespace', fromFile.namespace, 'default')!,
    tls: 'default (plaintext)',
  };
  const apiKeySource = origin('TEMPORAL_API_KEY', 'api_key', fromFile.apiKey);
  if (apiKeySource) sources.apiKey = apiKeySource;
  const tls = resolveTls(merged, fromFile, env, sources, inProfile);
  const o = options.overrides ?? {};
  if (o.address) sources.address = o.source ?? 'the caller';
  if (o.namespace) sources.namespace = o.source ?? 'the caller';
  return {
    address: o.address || merged.address || DEFAULT_TEMPORAL_ADDRESS,
    namespace: o.namespace || merged.namespace || DEFAULT_TEMPORAL_NAMESPACE,
    tls,
    ...(merged.apiKey ? { apiKey: merged.apiKey } : {}),
    ...(merged.grpcMeta && Object.keys(merged.grpcMeta).length > 0 ? { metadata: merged.grpcMeta } : {}),
    ...(where.file ? { configFile: where.file } : {}),
    profile,
    sources,
  };
}

/** Plaintext settings for a server this process started itself (a dev server): nothing to read. */
export function localSettings(
  address: string,
  namespace = DEFAULT_TEMPORAL_NAMESPACE,
  source = 'a dev server started here',
): ConnectionSettings {
  return {
    address,
    namespace,
    tls: false,
    profile: 'default',
    sources: { address: source, namespace: source, tls: 'off' },
  };
}

/** The options `Connection.connect` and `NativeConnection.connect` take. */
export function connectionOptions(settings: ConnectionSettings): {
  address: string;
  tls: TLSConfig | false;
  apiKey?: string;
  metadata?: Record<string, string>;
} {
  return {
    address: settings.address,
    tls: settings.tls,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    ...(settings.metadata ? { metadata: settings.metadata } : {}),
  };
}

/** The settings as JSON without secrets: what `tsf setup` prints, with where each came from. */
export function describeConnectionSettings(settings: ConnectionSettings): Record<string, unknown> {
  const t = settings.tls;
  return {
    address: settings.address,
    namespace: settings.namespace,
    tls: t === false ? 'off' : t.clientCertPair ? 'mTLS' : 'on',
    apiKey: settings.apiKey ? 'set' : 'none',
    profile: settings.profile,
    configFile: settings.configFile ?? null,
    sources: settings.sources,
  };
}
