/**
 * A real CloudWatch Logs API for the endpoint log store's tests: moto's server (`moto_server`, installed with moto)
 * as a child process on a free loopback port, never in-process. It takes any credentials; the tests give dummy ones.
 */
import { spawn } from 'node:child_process';
import { findFreePort } from '../../scripts/dev-server/free-port';
import { gracefulStop } from '../../scripts/dev-server/graceful-stop';
import { answers } from '../../scripts/s3-server/start';

export const MOTO_CREDENTIALS = { accessKeyId: 'AKIDMOTO', secretAccessKey: 'moto-secret' };
export const MOTO_REGION = 'us-east-1';

export interface MotoServer {
  endpoint: string;
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
}

export async function startMotoServer(): Promise<MotoServer> {
  const port = await findFreePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => ((output += String(error)), (exitCode = null), resolve()));
    child.once('exit', (code) => ((exitCode = code), resolve()));
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exitCode === undefined) await gracefulStop(child, exited, 5000);
    process.off('exit', killOnExit);
  };
  const deadline = Date.now() + 30_000;
  while (!(await answers(`${endpoint}/moto-api/`))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server at ${endpoint} did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { endpoint, output: () => output, stop };
}
