/**
 * The HTTP API (api/) over a test engine's SDK on a free loopback port, and AWS SDK clients pointed at it, as a
 * user's own code would be (`new SFNClient({ endpoint })`).
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { SFNClient } from '@aws-sdk/client-sfn';
import { startApiServer, type RunningApi } from '../../api/api-server';
import type { ApiCredentials } from '../../api/credentials';
import type { TestEngine } from './engine';

export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDTESTLOCAL', secretAccessKey: 'local-secret' };

export function startTestApi(engine: TestEngine, credentials?: ApiCredentials): Promise<RunningApi> {
  return startApiServer({ sfn: engine.sfn, host: '127.0.0.1', port: 0, credentials });
}

type Keys = { accessKeyId: string; secretAccessKey: string };

export function sfnClientOf(api: RunningApi, credentials: Keys = DUMMY_CREDENTIALS): SFNClient {
  return new SFNClient({ endpoint: api.url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

export function iamClientOf(api: RunningApi, credentials: Keys = DUMMY_CREDENTIALS): IAMClient {
  return new IAMClient({ endpoint: api.url, region: 'us-east-1', credentials, maxAttempts: 1 });
}
