/**
 * Runs `tsf` the way a user does, as child processes: one-shot commands and long-running workers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testAddress } from './engine';

const root = path.resolve(__dirname, '../..');
const tsf = path.join(root, 'bin/tsf.cjs');

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runTsf(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return runCommand(process.execPath, [tsf, ...args], {
    cwd: root,
    env: { ...process.env, TEMPORAL_ADDRESS: testAddress(), ...env },
  });
}

/** Runs a command to its end and collects what it printed. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** Starts `tsf worker` (with `flags` before `--handlers`) and resolves once it reports ready. */
export async function startWorkerProcess(
  taskQueue: string,
  handlerModules: string[],
  env: Record<string, string> = {},
  flags: string[] = [],
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [tsf, 'worker', ...flags, '--handlers', ...handlerModules], {
    cwd: root,
    env: { ...process.env, TEMPORAL_ADDRESS: testAddress(), TSF_TASK_QUEUE: taskQueue, ...env },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready after 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes('Worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before it was ready:\n${output}`));
    });
  });
  return { child, output: () => output, exited };
}
