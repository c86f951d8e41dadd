import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheBinDir, consoleLog, executableName, type Log } from '../dev-server/defaults';
import { findOnPath, isExecutable } from '../dev-server/find-executable';
import { withFileLock } from '../dev-server/file-lock';
import { buildVersitygw } from './build-versitygw';

/**
 * Path of a versitygw binary, in order of preference: `VERSITYGW` (the user's explicit choice), `versitygw` on
 * PATH, the cache folder's `bin/versitygw` (built by a previous run), else a fresh `go install` into that folder
 * under a lock so parallel test files build it once.
 */
export async function ensureVersitygw(log: Log = consoleLog, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.VERSITYGW) {
    const explicit = path.resolve(env.VERSITYGW);
    if (!isExecutable(explicit)) throw new Error(`VERSITYGW=${env.VERSITYGW} is not an executable file.`);
    return explicit;
  }
  const onPath = findOnPath('versitygw', env);
  if (onPath) return onPath;

  const binDir = cacheBinDir(env);
  const cached = path.join(binDir, executableName('versitygw'));
  if (isExecutable(cached)) return cached;
  fs.mkdirSync(binDir, { recursive: true });
  return withFileLock(
    path.join(path.dirname(binDir), 'build-versitygw.lock'),
    async () => (isExecutable(cached) ? cached : buildVersitygw(binDir, log)),
    log,
  );
}
