/**
 * Engine configuration from the environment (documented in docs/configuration.md), validated with zod so a typo
 * names the variable at fault. Where Temporal is and how to reach it (address, namespace, TLS, API key) come from
 * the Temporal profile and the TEMPORAL_* variables, as the `temporal` CLI reads them (connection-settings.ts).
 */
import path from 'node:path';
import { z } from 'zod';
import {
  localSettings,
  resolveConnectionSettings,
  type ConnectionSettings,
  type ResolveOptions,
} from './connection-settings';

const EnvSchema = z.object({
  TSF_TASK_QUEUE: z.string().min(1).default('temporal-step-functions'),
  TSF_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like an AWS region, e.g. us-east-1')
    .default('us-east-1'),
  TSF_ACCOUNT: z
    .string()
    .regex(/^\d{12}$/, 'must be 12 digits')
    .default('000000000000'),
  TSF_DATA_DIR: z.string().min(1).default('.tsf'),
  TSF_REDRIVABLE_PERIOD_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(14 * 24 * 60 * 60),
  TSF_HISTORY_EVENT_LIMIT: z.coerce.number().int().positive().default(24_999),
  TSF_MAP_RUN_REDRIVE_LIMIT: z.coerce.number().int().positive().default(1000),
});

export interface EngineConfig {
  /** The Temporal frontend (the profile's address, TEMPORAL_ADDRESS, else 127.0.0.1:7233). */
  address: string;
  namespace: string;
  /**
   * Everything needed to connect (TLS, API key, where each setting came from). Absent in a config built by hand:
   * then `address` is reached in plaintext.
   */
  connection?: ConnectionSettings;
  taskQueue: string;
  region: string;
  account: string;
  dataDir: string;
  /** How long a closed execution stays redrivable, and the history size beyond which it is not. */
  redriveLimits: { redrivablePeriodMs: number; historyEventLimit: number; mapRunRedriveLimit: number };
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<EngineConfig> = {},
  profile: Omit<ResolveOptions, 'env' | 'overrides'> = {},
): EngineConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const connection =
    overrides.connection ??
    resolveConnectionSettings({
      ...profile,
      env,
      overrides: { address: overrides.address, namespace: overrides.namespace },
    });
  return {
    address: connection.address,
    namespace: connection.namespace,
    connection,
    taskQueue: e.TSF_TASK_QUEUE,
    region: e.TSF_REGION,
    account: e.TSF_ACCOUNT,
    dataDir: path.resolve(e.TSF_DATA_DIR),
    redriveLimits: {
      redrivablePeriodMs: e.TSF_REDRIVABLE_PERIOD_SECONDS * 1000,
      historyEventLimit: e.TSF_HISTORY_EVENT_LIMIT,
      mapRunRedriveLimit: e.TSF_MAP_RUN_REDRIVE_LIMIT,
    },
    ...overrides,
  };
}

/** The connection settings of a config; one built by hand without `connection` reaches `address` in plaintext. */
export function connectionSettingsOf(
  config: Pick<EngineConfig, 'address' | 'namespace' | 'connection'>,
): ConnectionSettings {
  const c = config.connection;
  if (!c) return localSettings(config.address, config.namespace, 'the EngineConfig');
  if (c.address === config.address && c.namespace === config.namespace) return c;
  return {
    ...c,
    address: config.address,
    namespace: config.namespace,
    sources: {
      ...c.sources,
      address: c.address === config.address ? c.sources.address : 'the EngineConfig',
      namespace: c.namespace === config.namespace ? c.sources.namespace : 'the EngineConfig',
    },
  };
}
