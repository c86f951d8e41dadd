/** Counts handler calls in files, so tests (and a restarted worker) can see how often a step really ran. */
import fs from 'node:fs';

/** Records one call of `key` and returns how many calls there have been. */
export function countCall(counterDir: string, key: string): number {
  fs.mkdirSync(counterDir, { recursive: true });
  const file = `${counterDir}/${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.calls`;
  fs.appendFileSync(file, 'x');
  return fs.readFileSync(file, 'utf8').length;
}

export function callCount(counterDir: string, key: string): number {
  const file = `${counterDir}/${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.calls`;
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').length : 0;
}
