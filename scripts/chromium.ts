/**
 * Finds the Chromium the browser tests drive (Debian's package, never a browser Playwright downloads), and
 * installs it with apt-get when it is missing and we may (root on a Debian-like system, as on CI).
 * `npx tsx scripts/chromium.ts` prints its path.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const wanted = env.TSF_CHROMIUM;
  if (wanted) {
    if (!fs.existsSync(wanted)) throw new Error(`TSF_CHROMIUM points at ${wanted}, which does not exist`);
    return wanted;
  }
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

function canInstall(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
}

export function ensureChromium(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  const found = findChromium();
  if (found) return found;
  if (!canInstall()) {
    throw new Error(
      'The browser tests need Chromium: install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set TSF_CHROMIUM to its executable.',
    );
  }
  log("Chromium not found: installing Debian's chromium package with apt-get (once) ...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with exit code ${result.status}`);
  }
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium, but no chromium executable was found');
  log(`Installed ${execFileSync(installed, ['--version'], { encoding: 'utf8' }).trim()}`);
  return installed;
}

if (require.main === module) {
  try {
    process.stdout.write(`${ensureChromium()}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
