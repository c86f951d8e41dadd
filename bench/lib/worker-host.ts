/**
 * Starts the bench's worker in a child process (tsx-loaded) and stops it again, collecting its peak memory and
 * CPU time. A fresh process per variant run, so no run inherits another's heap or caches.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { FromWorker, WorkerProcessConfig, WorkerStats } from './worker-protocol';

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;

export interface WorkerProcess {
  pid: number;
  /** Shuts the worker down (in-flight tasks get its grace time) and returns what it measured. */
  stop(): Promise<WorkerStats>;
  /** SIGKILL, for a bench that gives up. */
  kill(): void;
}

/** `profileDir`: V8 writes a .cpuprofile per thread there when the process exits. */
export async function startWorkerProcess(config: WorkerProcessConfig, profileDir?: string): Promise<WorkerProcess> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = fork(path.join(__dirname, 'worker-process.ts'), [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx', ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await nextMessage(child, 'ready', READY_TIMEOUT_MS);
  return {
    pid: child.pid ?? -1,
    async stop() {
      const stats = nextMessage(child, 'stats', STOP_TIMEOUT_MS);
      child.send({ type: 'stop' });
      try {
        const message = await stats;
        await exited;
        return message.stats;
      } catch (error) {
        child.kill('SIGKILL');
        throw error;
      }
    },
    kill: () => child.kill('SIGKILL'),
  };
}

function nextMessage<T extends FromWorker['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<FromWorker, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`worker process sent no '${type}' within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: FromWorker) => {
      if (message.type === type) done(undefined, message as Extract<FromWorker, { type: T }>);
      else if (message.type === 'error') done(new Error(`worker process failed: ${message.message}`));
    };
    const onExit = (code: number | null) => done(new Error(`worker process exited (code ${code}) before '${type}'`));
    function done(error?: Error, message?: Extract<FromWorker, { type: T }>) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
