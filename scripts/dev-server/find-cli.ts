import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildTemporalCli } from './build-cli';
import { isSupportedCliVersion, readCliVersion } from './cli-version';
import { cacheBinDir, consoleLog, executableName, type Log } from './defaults';
import { findOnPath, isExecutable } from './find-executable';
import { withFileLock } from './file-lock';

/**
 * Path of a usable `temporal` binary, in order of preference:
 * 1. `TEMPORAL_CLI` (must exist; not version-checked, it is the user's explicit choice);
 * 2. `temporal` on PATH, if `temporal --version` reports CLI 1.5.x or newer;
 * 3. the cache folder's `bin/temporal` (built by a previous run);
 * 4. a fresh `go install` into that folder, under a lock so parallel processes build it only once.
 */
export async function ensureTemporalCli(log: Log = consoleLog, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const explicit = env.TEMPORAL_CLI;
  if (explicit) {
    const resolved = path.resolve(explicit);
    if (!isExecutable(resolved)) {
      throw new Error(`TEMPORAL_CLI=${explicit} does not point at an executable file. Unset it or fix the path.`);
    }
    return resolved;
  }

  const onPath = findOnPath('temporal', env);
  if (onPath) {
    try {
      const version = await readCliVersion(onPath);
      if (isSupportedCliVersion(version)) {
        log(`Using the Temporal CLI on PATH: ${onPath} (${version.raw})`);
        return onPath;
      }
      log(`Ignoring ${onPath} (${version.raw}): the engine needs CLI 1.5.x or newer.`);
    } catch (err) {
      log(`Ignoring ${onPath}: ${(err as Error).message}`);
    }
  }

  const binDir = cacheBinDir(env);
  const cached = path.join(binDir, executableName('temporal'));
  if (isExecutable(cached)) return cached;

  fs.mkdirSync(binDir, { recursive: true });
  return withFileLock(
    path.join(path.dirname(binDir), 'build.lock'),
    // Another process may have finished the build while we waited for the lock.
    async () => (isExecutable(cached) ? cached : buildTemporalCli(binDir, log)),
    log,
  );
}
