/**
 * The S3 objects a case's recording put before it ran, laid into the engine's local storage folder. Cases that
 * use storage run one at a time (their bucket and key names repeat across cases), and each cleans up after itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ConformanceCase } from './load-cases';

export class CaseStorage {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly dir: string) {}

  /** Runs `work` with the case's objects in place; other storage cases wait their turn. */
  async with<T>(c: ConformanceCase, work: () => Promise<T>): Promise<T> {
    if (c.s3Objects.length === 0 && !usesResultWriter(c)) return work();
    const turn = this.queue.then(async () => {
      const buckets = this.put(c);
      try {
        return await work();
      } finally {
        for (const bucket of buckets) fs.rmSync(path.join(this.dir, bucket), { recursive: true, force: true });
      }
    });
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private put(c: ConformanceCase): Set<string> {
    const buckets = new Set<string>(resultBuckets(c));
    for (const object of c.s3Objects) buckets.add(object.bucket);
    for (const bucket of buckets) fs.mkdirSync(path.join(this.dir, bucket), { recursive: true });
    for (const object of c.s3Objects) {
      if (object.key === null) continue;
      const file = path.join(this.dir, object.bucket, object.key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, object.body);
    }
    return buckets;
  }
}

/** ResultWriter buckets named literally in the definition (the recording created them beforehand). */
function resultBuckets(c: ConformanceCase): string[] {
  const found: string[] = [];
  JSON.stringify(c.definition, (key, value: unknown) => {
    if (key === 'ResultWriter' && value && typeof value === 'object') {
      const bucket = (value as { Parameters?: { Bucket?: unknown } }).Parameters?.Bucket;
      if (typeof bucket === 'string') found.push(bucket);
    }
    return value;
  });
  return found;
}

function usesResultWriter(c: ConformanceCase): boolean {
  return resultBuckets(c).length > 0;
}
