import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEMP_FILE_PREFIX } from './local-paths';

export interface LocalEntry {
  key: string;
  file: string;
  stats: fs.Stats;
}

export interface WalkFilter {
  prefix?: string;
  /** Only keys strictly greater than this one. */
  startAfter?: string;
}

/** S3 orders keys by their UTF-8 bytes, which differs from JS string order for characters beyond the BMP. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Every key under `dirKey` starts with it, so a folder can be skipped when no key under it can pass the filter. */
function folderMayMatch(dirKey: string, filter: WalkFilter): boolean {
  const { prefix, startAfter } = filter;
  if (prefix !== undefined && !dirKey.startsWith(prefix) && !prefix.startsWith(dirKey)) return false;
  if (startAfter !== undefined && compareKeys(dirKey, startAfter) < 0 && !startAfter.startsWith(dirKey)) return false;
  return true;
}

function keyMatches(key: string, filter: WalkFilter): boolean {
  if (filter.prefix !== undefined && !key.startsWith(filter.prefix)) return false;
  return filter.startAfter === undefined || compareKeys(key, filter.startAfter) > 0;
}

/**
 * Regular files under `dir` as keys, in S3 key order. Sorting each folder's entries by `name` for files and
 * `name/` for folders yields global key order, since every key inside a folder starts with `name/`. Symbolic links
 * and in-progress writes are never listed; folders that cannot hold a matching key are not entered.
 */
export async function* walkKeys(dir: string, filter: WalkFilter, keyPrefix = ''): AsyncGenerator<LocalEntry> {
  let dirents: fs.Dirent[];
  try {
    dirents = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (err) {
    // A folder removed while we walk holds no keys any more.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && keyPrefix !== '') return;
    throw err;
  }
  const entries = dirents
    .filter((d) => !d.name.startsWith(TEMP_FILE_PREFIX) && (d.isFile() || d.isDirectory()))
    .map((d) => ({ name: d.name, isDir: d.isDirectory(), sortKey: d.isDirectory() ? `${d.name}/` : d.name }))
    .sort((a, b) => compareKeys(a.sortKey, b.sortKey));
  for (const entry of entries) {
    const key = keyPrefix + entry.sortKey;
    const file = path.join(dir, entry.name);
    if (entry.isDir) {
      if (folderMayMatch(key, filter)) yield* walkKeys(file, filter, key);
    } else if (keyMatches(key, filter)) {
      const stats = await fs.promises.stat(file).catch(() => undefined);
      if (stats?.isFile()) yield { key, file, stats };
    }
  }
}
