/**
 * Engine configuration from the environment (documented in README), validated with zod so a typo names the
 * variable at fault.
 */
import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
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
  address: string;
  namespace: string;
  taskQueue: string;
  region: string;
  account: string;
  dataDir: string;
  /** How long a closed execution stays redrivable, and the history size beyond which it is not. */
  redriveLimits: { redrivablePeriodMs: number; historyEventLimit: number; mapRunRedriveLimit: number };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<EngineConfig> = {}): EngineConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    address: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
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
