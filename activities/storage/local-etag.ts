import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { pipeline } from 'node:stream/promises';

const MAX_CACHED = 10_000;

/** `"<md5 hex>"`, the ETag S3 gives an object uploaded in one part. */
export function quotedMd5(hexDigest: string): string {
  return `"${hexDigest}"`;
}

/**
 * ETags of local files. Files may be dropped into a bucket folder by hand, so the digest is computed from the
 * content on demand and remembered while size and mtime stay the same.
 */
export class LocalEtags {
  private readonly cache = new Map<string, { size: number; mtimeMs: number; etag: string }>();

  remember(file: string, stats: fs.Stats, etag: string): void {
    this.cache.delete(file);
    this.cache.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, etag });
    if (this.cache.size > MAX_CACHED) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  async etagOf(file: string, stats: fs.Stats): Promise<string> {
    const cached = this.cache.get(file);
    if (cached && cached.size === stats.size && cached.mtimeMs === stats.mtimeMs) return cached.etag;
    const hash = createHash('md5');
    await pipeline(fs.createReadStream(file), hash);
    const etag = quotedMd5(hash.digest('hex'));
    this.remember(file, stats, etag);
    return etag;
  }
}
