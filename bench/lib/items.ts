/**
 * The benchmark's items: `{"id": i}` for i in 0..N-1, either in the state input or as a JSONL object in the local
 * storage folder (written in chunks, so a million lines never sit in one string).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ITEMS_BUCKET = 'bench-items';
export const RESULTS_BUCKET = 'bench-results';

export function stateItems(n: number): Array<{ id: number }> {
  return Array.from({ length: n }, (_, id) => ({ id }));
}

/** Writes the JSONL object once per bench run; returns its key and the file's path (the baseline reads the file). */
export function writeJsonlItems(storageDir: string, n: number): { key: string; file: string } {
  const key = `items-${n}.jsonl`;
  const file = path.join(storageDir, ITEMS_BUCKET, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  try {
    const chunk = 10_000;
    for (let first = 0; first < n; first += chunk) {
      let text = '';
      for (let id = first; id < Math.min(n, first + chunk); id++) text += `{"id":${id}}\n`;
      fs.writeSync(fd, text);
    }
  } finally {
    fs.closeSync(fd);
  }
  return { key, file };
}
