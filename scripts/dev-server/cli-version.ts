import { execFile } from 'node:child_process';

export interface CliVersion {
  /** e.g. '1.5.1', or '0.0.0-DEV' for a `go install` build (it has no release ldflags). */
  cli: string;
  /** The embedded server version, e.g. '1.29.1'. */
  server?: string;
  raw: string;
}

/** Parses `temporal --version`, e.g. `temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)`. */
export function parseCliVersion(output: string): CliVersion | undefined {
  const raw = output.trim();
  const cli = /temporal version v?(\d+\.\d+\.\d+[^\s(]*)/i.exec(raw)?.[1];
  if (!cli) return undefined;
  const server = /Server v?(\d+\.\d+\.\d+)/i.exec(raw)?.[1];
  return server ? { cli, server, raw } : { cli, raw };
}

function compareSemver(a: string, b: string): number {
  const pa = a.split(/[.-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * CLI 1.5.x or newer. A `go install` build reports CLI 0.0.0-DEV, so for those we judge by the embedded server
 * instead: CLI 1.5.0 shipped server 1.29.0, whose features (and SQLite limits) the engine is written against.
 */
export function isSupportedCliVersion(v: CliVersion): boolean {
  if (compareSemver(v.cli, '0.0.1') >= 0) return compareSemver(v.cli, '1.5.0') >= 0;
  return v.server !== undefined && compareSemver(v.server, '1.29.0') >= 0;
}

export function readCliVersion(binary: string): Promise<CliVersion> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['--version'], { timeout: 15_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`'${binary} --version' failed: ${err.message}`));
      const parsed = parseCliVersion(`${stdout}\n${stderr}`);
      if (!parsed) return reject(new Error(`'${binary} --version' printed an unrecognised version: ${stdout.trim()}`));
      resolve(parsed);
    });
  });
}
