import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { executableName, TEMPORAL_CLI_MODULE, TEMPORAL_CLI_VERSION, type Log } from './defaults';
import { findOnPath, isExecutable } from './find-executable';
import { goInstall } from './go-install';

const PROGRESS_EVERY_MS = 15_000;

export function prerequisitesMessage(binDir: string): string {
  return [
    'temporal-step-functions needs the Temporal CLI v1.5.1 to run its dev server. Either:',
    `  - install Go 1.25+ (https://go.dev/dl/) and put \`go\` on PATH: the CLI is then built once into ${binDir}, or`,
    '  - point TEMPORAL_CLI at an existing temporal CLI v1.5.1 binary (or put `temporal` 1.5.x+ on PATH).',
  ].join('\n');
}

/** `go` on PATH, else the default install location of the official tarball (often missing from non-login PATHs). */
export function findGo(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [
    findOnPath('go', env),
    env.GOROOT ? path.join(env.GOROOT, 'bin', executableName('go')) : undefined,
    process.platform === 'win32' ? 'C:\\Program Files\\Go\\bin\\go.exe' : '/usr/local/go/bin/go',
  ];
  return candidates.find((c): c is string => c !== undefined && isExecutable(c));
}

function goVersion(go: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(go, ['version'], { timeout: 30_000 }, (err, stdout) => resolve(err ? '' : stdout.trim()));
  });
}

/**
 * Runs `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` with GOBIN=binDir and returns the binary path.
 * The caller holds the build lock. Output goes to `<binDir>/../go-install.log`; its tail is in the error on failure.
 */
export async function buildTemporalCli(binDir: string, log: Log): Promise<string> {
  const go = findGo();
  if (!go) throw new Error(`Cannot find the \`go\` command.\n${prerequisitesMessage(binDir)}`);

  const version = await goVersion(go);
  const minor = /go1\.(\d+)/.exec(version)?.[1];
  if (minor !== undefined && Number(minor) < 25) {
    // go.mod of the CLI says `go 1.25.0`: an older go tries to download a newer toolchain (needs network).
    log(`Warning: ${version} is older than Go 1.25; go will try to download a newer toolchain (GOTOOLCHAIN).`);
  }

  fs.mkdirSync(binDir, { recursive: true });
  const logFile = path.join(path.dirname(binDir), 'go-install.log');
  const target = `${TEMPORAL_CLI_MODULE}@v${TEMPORAL_CLI_VERSION}`;
  log(`Building the Temporal CLI v${TEMPORAL_CLI_VERSION} with go install (first run only, takes a few minutes)…`);
  log(`  ${go} install ${target}  (GOBIN=${binDir}, log: ${logFile})`);

  return goInstall({
    go,
    target,
    binDir,
    binary: 'temporal',
    logFile,
    log,
    progress: { message: (seconds) => `  …still building the Temporal CLI (${seconds} s)`, everyMs: PROGRESS_EVERY_MS },
    help: prerequisitesMessage(binDir),
  });
}
