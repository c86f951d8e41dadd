/**
 * `npm test`: builds dist/ (the tests run `tsf` as users do, through bin/tsf.cjs and the built JavaScript; an
 * incremental build, a fraction of a second when no source changed), builds or finds the Temporal CLI, starts
 * one dev server for the whole run (fresh database, free port), runs every test file against it with node's test
 * runner, then stops the server.
 * Extra arguments are test files to run instead of all of them.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isConnectionVariable } from '../client/connection-settings';
import { build } from './build';
import { ensureChromium } from './chromium';
import { ensureTemporalCli, findFreePort, startDevServer } from './dev-server';

const root = path.resolve(__dirname, '..');

function testFiles(args: string[]): string[] {
  if (args.length > 0) return args;
  const dirs = ['test/unit', 'test/integration', 'test/browser'];
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir))
      .filter((file) => file.endsWith('.test.ts'))
      .sort()
      .map((file) => path.join(dir, file)),
  );
}

/** The shell's TEMPORAL_* settings (a profile of the developer's, a TLS variable) would point the tests elsewhere. */
function withoutTemporalSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !isConnectionVariable(key)));
}

function writeProfile(dataDir: string, address: string): string {
  const file = path.join(dataDir, 'temporal.toml');
  fs.writeFileSync(file, `[profile.default]\naddress = "${address}"\nnamespace = "default"\n`);
  return file;
}

async function main(): Promise<number> {
  const files = testFiles(process.argv.slice(2));
  if (!(await build({ web: false }))) {
    console.error('npm test: dist/ does not build (errors above), so bin/tsf.cjs cannot run; nothing was tested.');
    return 1;
  }
  // The browser tests drive Debian's Chromium: install it before the clock of any test starts.
  const chromium = files.some((file) => file.includes('test/browser')) ? ensureChromium() : undefined;
  const binary = await ensureTemporalCli();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-test-server-'));
  const port = await findFreePort();
  const server = await startDevServer({ port, uiPort: false, dataDir });
  console.error(`Test dev server at ${server.address} (data ${dataDir}) in ${(server.startupMs / 1000).toFixed(1)} s`);
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter', 'spec', ...files], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...withoutTemporalSettings(process.env),
        // Every process of the run reads the server from a profile file, as a user's would (and TEMPORAL_ADDRESS,
        // which test processes pass on to the `tsf` processes they start).
        TEMPORAL_CONFIG_FILE: writeProfile(dataDir, server.address),
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_CLI: binary,
        TSF_TEST_DATA_DIR: dataDir,
        ...(chromium ? { TSF_CHROMIUM: chromium } : {}),
      },
    });
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
