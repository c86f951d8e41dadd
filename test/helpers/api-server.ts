/**
 * The HTTP API (api/) over a test engine's SDK on a free loopback port, and AWS SDK clients pointed at it, as a
 * user's own code would be (`new SFNClient({ endpoint })`).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { SFNClient } from '@aws-sdk/client-sfn';
import { after, before } from 'node:test';
import { startApiServer, type RunningApi } from '../../api/api-server';
import type { ApiCredentials } from '../../api/credentials';
import { startTestEngine, testAddress, type TestEngine, type TestEngineOptions } from './engine';

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

/** What a test file of the HTTP API works with: an engine, `tsf api` over its SDK, and AWS SDK clients of it. */
export interface TestApi {
  engine: TestEngine;
  api: RunningApi;
  sfn: SFNClient;
  iam: IAMClient;
}

/** Starts a TestApi before the file's tests and closes it after them; read its members inside the tests. */
export function useTestApi(options: TestEngineOptions = {}): TestApi {
  const t = {} as TestApi;
  before(async () => {
    t.engine = await startTestEngine(options);
    t.api = await startTestApi(t.engine);
    t.sfn = sfnClientOf(t.api);
    t.iam = iamClientOf(t.api);
  });
  after(async () => {
    t.sfn?.destroy();
    t.iam?.destroy();
    await t.api?.close();
    await t.engine?.stop();
  });
  return t;
}

export interface ApiProcess {
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts `tsf api --port 0` (or other `args` that serve the APIs) as a user does (bin/tsf.cjs) on `taskQueue`, and
 * resolves with the URL it prints. `stop` sends SIGTERM and resolves with the exit code.
 */
export async function startApiProcess(
  taskQueue: string,
  env: Record<string, string> = {},
  args = ['api', '--port', '0'],
): Promise<ApiProcess> {
  const child = spawn(process.execPath, [path.resolve(__dirname, '../../bin/tsf.cjs'), ...args], {
    env: { ...process.env, TEMPORAL_ADDRESS: testAddress(), TSF_TASK_QUEUE: taskQueue, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tsf api not listening after 30 s:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      const match = /APIs at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`tsf api exited before it listened:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
