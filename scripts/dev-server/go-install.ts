/**
 * `go install <module>@<version>` into a cache folder (GOBIN), shared by the Temporal CLI and the S3 test server
 * builds. The output goes to a log file whose last lines are in the error when the build fails.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { executableName, type Log } from './defaults';
import { isExecutable } from './find-executable';

export interface GoInstall {
  go: string;
  /** `module/path/cmd/name@vX.Y.Z`. */
  target: string;
  binDir: string;
  /** The command's name, which is also the built binary's. */
  binary: string;
  logFile: string;
  log: Log;
  /** Printed every `progressEveryMs` while it builds (a first build takes minutes). */
  progress?: { message: (elapsedSeconds: number) => string; everyMs: number };
  /** Appended to the error when the build fails (what the user can do instead). */
  help?: string;
  /** Extra environment for `go`, e.g. CGO_ENABLED=0 for a static binary that needs no C toolchain. */
  env?: Readonly<Record<string, string>>;
}

export async function goInstall(options: GoInstall): Promise<string> {
  const { go, target, binDir, logFile, log } = options;
  fs.mkdirSync(binDir, { recursive: true });
  const started = Date.now();
  const out = fs.openSync(logFile, 'w');
  const timer = options.progress
    ? setInterval(
        () => log(options.progress!.message(Math.round((Date.now() - started) / 1000))),
        options.progress.everyMs,
      )
    : undefined;
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      // cwd = the cache folder so a go.work or go.mod around the caller's cwd cannot interfere.
      const child = spawn(go, ['install', target], {
        cwd: path.dirname(binDir),
        env: { ...process.env, ...options.env, GOBIN: binDir, GOWORK: 'off' },
        stdio: ['ignore', out, out],
      });
      child.on('error', reject);
      child.on('exit', (c, signal) => resolve(signal ? null : c));
    });
    if (code !== 0) {
      throw new Error(
        `go install ${target} failed (exit ${code ?? 'by signal'}). Last lines of ${logFile}:\n` +
          `${tail(logFile, 20)}${options.help ? `\n\n${options.help}` : ''}`,
      );
    }
  } finally {
    if (timer) clearInterval(timer);
    fs.closeSync(out);
  }
  const binary = path.join(binDir, executableName(options.binary));
  if (!isExecutable(binary)) throw new Error(`go install succeeded but ${binary} is missing`);
  log(`Built ${binary} in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
