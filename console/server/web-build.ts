/**
 * The front-end is built, not committed. In a clone of the repository (console/web is there), on first start and
 * whenever its sources or the versions of the packages it bundles change, `tsf console` runs Vite on console/web
 * into a folder named by a hash of those inputs, under node_modules/.cache, so `npm ci` clears it and a fresh
 * clone needs nothing but `npm ci`. The build goes to a temporary folder first and is renamed into place, so two
 * consoles starting at once never serve half a build.
 * The installed package holds no console/web and no Vite: `npm run build` (scripts/build.ts) copies the build into
 * dist/console-web, which is served as it is.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The nearest folder above with a package.json: this file runs from console/server/ and from dist/console/server/. */
function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${__dirname}`);
  }
}

const root = packageRoot();
export const webDir = path.join(root, 'console/web');
/** The front-end as the package ships it. */
export const prebuiltWebDir = path.join(root, 'dist/console-web');
const cacheDir = path.join(root, 'node_modules/.cache/tsf-console');
/** Packages whose code ends up in the bundle or shapes it. */
const BUNDLED = ['vite', '@vitejs/plugin-react', 'react', 'react-dom', '@dagrejs/dagre'];

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : filesUnder(full);
      return [full];
    })
    .sort();
}

/** Read from the installed package.json (some packages do not export it, so not through require). */
function installedVersion(name: string): string {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    return 'missing';
  }
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(webDir)) {
    hash.update(path.relative(webDir, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  for (const name of BUNDLED) hash.update(`${name}@${installedVersion(name)}\0`);
  return hash.digest('hex').slice(0, 16);
}

function runVite(outDir: string): Promise<void> {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', webDir, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`Building the console (vite build ${webDir}) failed:\n${output}`)),
    );
  });
}

/** Returns the folder of an up-to-date build, building it first when needed. */
export async function ensureWebBuild(log: (line: string) => void = () => undefined): Promise<string> {
  if (!fs.existsSync(webDir)) {
    if (fs.existsSync(path.join(prebuiltWebDir, 'index.html'))) return prebuiltWebDir;
    throw new Error(`The console front-end is missing: neither ${webDir} nor ${prebuiltWebDir} exists`);
  }
  const hash = sourceHash();
  const outDir = path.join(cacheDir, hash);
  if (fs.existsSync(path.join(outDir, 'index.html'))) return outDir;
  log(`Building the console front-end (console/web) into ${path.relative(root, outDir)} ...`);
  const started = Date.now();
  const temporary = `${outDir}.tmp-${process.pid}`;
  await runVite(temporary);
  try {
    fs.renameSync(temporary, outDir);
  } catch (error) {
    // Another console finished the same build first: keep its copy.
    fs.rmSync(temporary, { recursive: true, force: true });
    if (!fs.existsSync(path.join(outDir, 'index.html'))) throw error;
  }
  pruneOldBuilds(hash);
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}

/** Removes finished builds of other hashes (temporary folders of builds in progress are left alone). */
function pruneOldBuilds(keep: string): void {
  for (const entry of fs.readdirSync(cacheDir)) {
    if (entry !== keep && !entry.includes('.tmp-'))
      fs.rmSync(path.join(cacheDir, entry), { recursive: true, force: true });
  }
}
