import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findGo } from '../dev-server/build-cli';
import { executableName, type Log } from '../dev-server/defaults';
import { isExecutable } from '../dev-server/find-executable';
import { VERSITYGW_MODULE, VERSITYGW_VERSION } from './defaults';

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * `go install github.com/versity/versitygw/cmd/versitygw@v1.8.0` with GOBIN=binDir. The caller holds the build
 * lock. Output goes to `<binDir>/../go-install-versitygw.log`; its tail is in the error on failure.
 */
export async function buildVersitygw(binDir: string, log: Log): Promise<string> {
  const go = findGo();
  if (!go) {
    throw new Error(
      `Cannot find the \`go\` command to build versitygw (the S3-compatible test server).\n` +
        `Install Go 1.25+ or point VERSITYGW at a versitygw binary (or TSF_TEST_S3_ENDPOINT at an S3 endpoint).`,
    );
  }
  fs.mkdirSync(binDir, { recursive: true });
  const logFile = path.join(path.dirname(binDir), 'go-install-versitygw.log');
  const target = `${VERSITYGW_MODULE}@v${VERSITYGW_VERSION}`;
  log(`Building versitygw v${VERSITYGW_VERSION} (S3 test server) with go install, first run only…`);
  const started = Date.now();
  const out = fs.openSync(logFile, 'w');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      // cwd = the cache folder so a go.work or go.mod around the caller's cwd cannot interfere.
      const child = spawn(go, ['install', target], {
        cwd: path.dirname(binDir),
        env: { ...process.env, GOBIN: binDir, GOWORK: 'off' },
        stdio: ['ignore', out, out],
      });
      child.on('error', reject);
      child.on('exit', (c, signal) => resolve(signal ? null : c));
    });
    if (code !== 0) {
      throw new Error(
        `go install ${target} failed (exit ${code ?? 'by signal'}). Last lines of ${logFile}:\n${tail(logFile, 20)}`,
      );
    }
  } finally {
    fs.closeSync(out);
  }
  const binary = path.join(binDir, executableName('versitygw'));
  if (!isExecutable(binary)) throw new Error(`go install succeeded but ${binary} is missing`);
  log(`Built ${binary} in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}
