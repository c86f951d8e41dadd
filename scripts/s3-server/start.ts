import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { consoleLog, type Log } from '../dev-server/defaults';
import { findFreePort } from '../dev-server/free-port';
import { TEST_S3_CREDENTIALS, TEST_S3_REGION } from './defaults';
import { ensureVersitygw } from './find-versitygw';
import { gracefulStop } from '../dev-server/graceful-stop';

const HOST = '127.0.0.1';
const STOP_GRACE_MS = 5_000;

export interface S3ServerOptions {
  /** Holds `buckets/` (one folder per bucket), `meta/` (object metadata) and the log. Default: a new temp folder, removed on stop. */
  dataDir?: string;
  /** Default: a free port. */
  port?: number;
  log?: Log;
  readyTimeoutMs?: number;
}

export interface S3Server {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  dataDir: string;
  logFile: string;
  pid: number;
  startupMs: number;
  /** SIGTERM, then SIGKILL after 5 s; removes a temp data folder. Idempotent. */
  stop(): Promise<void>;
}

/** Any HTTP answer (versitygw says 403 to an unsigned request) means the server is serving. */
export function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 1000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}

/**
 * Starts versitygw on 127.0.0.1 with the POSIX backend and fixed test credentials. Metadata goes to a sidecar
 * folder, so the data folder's filesystem needs no extended attributes.
 */
export async function startS3Server(opts: S3ServerOptions = {}): Promise<S3Server> {
  const log = opts.log ?? consoleLog;
  const binary = await ensureVersitygw(log);
  const temporary = opts.dataDir === undefined;
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-s3-'));
  const buckets = path.join(dataDir, 'buckets');
  const meta = path.join(dataDir, 'meta');
  fs.mkdirSync(buckets, { recursive: true });
  fs.mkdirSync(meta, { recursive: true });
  const port = opts.port ?? (await findFreePort(HOST));
  const endpoint = `http://${HOST}:${port}`;
  const logFile = path.join(dataDir, 'versitygw.log');

  const args = [
    ['--access', TEST_S3_CREDENTIALS.accessKeyId],
    ['--secret', TEST_S3_CREDENTIALS.secretAccessKey],
    ['--region', TEST_S3_REGION],
    ['--port', `${HOST}:${port}`],
    '--quiet',
    ['posix', '--sidecar', meta, buckets],
  ].flat();
  const out = fs.openSync(logFile, 'a');
  const started = Date.now();
  const child = spawn(binary, args, { stdio: ['ignore', out, out] });
  fs.closeSync(out);

  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', () => ((exitCode = null), resolve()));
    child.once('exit', (code) => ((exitCode = code), resolve()));
  });
  // Never leave a server behind when the test process ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  child.unref();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (exitCode === undefined) await gracefulStop(child, exited, STOP_GRACE_MS);
      process.off('exit', killOnExit);
      if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    })());

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  while (!(await answers(`${endpoint}/`))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      const why = exitCode !== undefined ? `exited (code ${exitCode})` : 'did not answer in time';
      const logText = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n');
      await stop();
      throw new Error(`versitygw at ${endpoint} ${why}. Last lines of its log:\n${logText}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    region: TEST_S3_REGION,
    credentials: { ...TEST_S3_CREDENTIALS },
    dataDir,
    logFile,
    pid: child.pid ?? -1,
    startupMs: Date.now() - started,
    stop,
  };
}
