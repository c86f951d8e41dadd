import * as fs from 'node:fs';
import * as path from 'node:path';
import { executableName } from './defaults';

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Like `which`, without spawning a shell (and portable to machines that lack `which`). */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = executableName(name);
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, file);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
