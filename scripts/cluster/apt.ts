/**
 * Installs a missing Debian package with apt-get when we may (root on a Debian-like system, as on CI), the way the
 * browser tests get Chromium (scripts/chromium.ts); elsewhere the error says what to install.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type { Log } from '../dev-server/defaults';

export function canAptInstall(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
}

/** `apt-get update` then `apt-get install -y <pkg>`; throws with `instead` when apt-get cannot be used here. */
export async function aptInstall(pkg: string, why: string, instead: string, log: Log): Promise<void> {
  if (!canAptInstall()) {
    throw new Error(`${why}: install it (Debian/Ubuntu: \`sudo apt-get install -y ${pkg}\`) ${instead}`);
  }
  log(`${why}: installing Debian's ${pkg} package with apt-get (once) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', pkg]]) {
    // Its output goes to stderr with our progress messages: stdout is for the `export ...` line.
    const status = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('apt-get', args, { stdio: ['ignore', 2, 2], env });
      child.once('error', reject).once('exit', resolve);
    });
    if (status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with exit code ${status}`);
  }
}
