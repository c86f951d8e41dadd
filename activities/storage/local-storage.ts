import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LocalEtags, quotedMd5 } from './local-etag';
import { compareKeys, walkKeys } from './local-listing';
import { assertInsideBucket, bucketDir, objectPath, TEMP_FILE_PREFIX } from './local-paths';
import {
  MAX_KEYS_PER_PAGE,
  StorageError,
  type ByteRange,
  type ListOptions,
  type ObjectInfo,
  type ObjectPage,
  type ObjectStorage,
} from './object-storage';

/** How often a write retries when a concurrent delete removed the (empty) folder it had just created. */
const WRITE_ATTEMPTS = 3;

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * A folder as object storage: a bucket is a sub-folder of `root`, a key a relative path inside it. Writes go to a
 * hidden temp file in the target's folder and are renamed into place, so readers never see half an object.
 */
export class LocalStorage implements ObjectStorage {
  readonly kind = 'local' as const;
  private readonly etags = new LocalEtags();

  constructor(readonly root: string) {}

  private async requireBucket(bucket: string): Promise<string> {
    const dir = bucketDir(this.root, bucket);
    const stats = await fs.promises.stat(dir).catch(() => undefined);
    if (!stats?.isDirectory()) {
      throw new StorageError('NoSuchBucket', `The specified bucket does not exist: ${bucket}`, bucket);
    }
    return dir;
  }

  async getObject(bucket: string, key: string, range?: ByteRange): Promise<Readable> {
    const file = objectPath(this.root, bucket, key);
    await this.requireBucket(bucket);
    const stats = await fs.promises.stat(file).catch(() => undefined);
    if (!stats?.isFile()) {
      throw new StorageError('NoSuchKey', `The specified key does not exist: ${key}`, bucket, key);
    }
    await assertInsideBucket(this.root, bucket, key, file);
    if (!range) return fs.createReadStream(file);
    if (range.start < 0 || range.end < range.start || range.start > stats.size) {
      throw new StorageError('InvalidRange', `Invalid range ${range.start}-${range.end} of ${key}`, bucket, key);
    }
    if (range.end === range.start) return Readable.from([]);
    return fs.createReadStream(file, { start: range.start, end: range.end - 1 });
  }

  async listObjects(
    bucket: string,
    prefix: string | undefined,
    continuationToken?: string,
    options: ListOptions = {},
  ): Promise<ObjectPage> {
    const dir = await this.requireBucket(bucket);
    const maxKeys = Math.min(options.maxKeys ?? MAX_KEYS_PER_PAGE, MAX_KEYS_PER_PAGE);
    // The token is the last key of the previous page; resume after whichever of it and StartAfter is later.
    const tokenKey = continuationToken ? Buffer.from(continuationToken, 'base64url').toString('utf8') : undefined;
    const startAfter =
      tokenKey !== undefined && (options.startAfter === undefined || compareKeys(tokenKey, options.startAfter) > 0)
        ? tokenKey
        : options.startAfter;
    const objects: ObjectInfo[] = [];
    let more = false;
    for await (const entry of walkKeys(dir, { prefix: prefix || undefined, startAfter })) {
      if (objects.length === maxKeys) {
        more = true;
        break;
      }
      objects.push({
        key: entry.key,
        size: entry.stats.size,
        etag: await this.etags.etagOf(entry.file, entry.stats),
        lastModified: entry.stats.mtime,
        storageClass: 'STANDARD',
      });
    }
    const last = objects[objects.length - 1];
    return more && last ? { objects, nextContinuationToken: Buffer.from(last.key).toString('base64url') } : { objects };
  }

  async putObject(bucket: string, key: string, body: string | Buffer): Promise<{ etag: string }> {
    const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const { etag } = await this.putObjectStream(bucket, key, Readable.from([data]));
    return { etag };
  }

  async putObjectStream(bucket: string, key: string, body: Readable): Promise<{ etag: string; size: number }> {
    const file = objectPath(this.root, bucket, key);
    await this.requireBucket(bucket);
    // A concurrent delete may remove the folder we just created; retrying is safe as no byte of the body was read.
    for (let attempt = 1; ; attempt++) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const temp = path.join(path.dirname(file), `${TEMP_FILE_PREFIX}${randomBytes(8).toString('hex')}`);
      let out: fs.WriteStream;
      try {
        const handle = await fs.promises.open(temp, 'wx');
        out = handle.createWriteStream();
      } catch (err) {
        if (errnoCode(err) === 'ENOENT' && attempt < WRITE_ATTEMPTS) continue;
        throw err;
      }
      return this.writeThenRename(body, out, temp, file);
    }
  }

  private async writeThenRename(
    body: Readable,
    out: fs.WriteStream,
    temp: string,
    file: string,
  ): Promise<{ etag: string; size: number }> {
    const hash = createHash('md5');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, tap, out);
      // Durable before visible: a crash after the rename must not leave a file whose data never reached disk.
      const handle = await fs.promises.open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temp, file);
    } catch (err) {
      await fs.promises.rm(temp, { force: true });
      throw err;
    }
    const etag = quotedMd5(hash.digest('hex'));
    const stats = await fs.promises.stat(file).catch(() => undefined);
    if (stats) this.etags.remember(file, stats, etag);
    return { etag, size };
  }

  async deleteObjects(bucket: string, keys: string[]): Promise<void> {
    const dir = await this.requireBucket(bucket);
    for (const key of keys) {
      const file = objectPath(this.root, bucket, key);
      await fs.promises.rm(file, { force: true });
      await removeEmptyFolders(path.dirname(file), dir);
    }
  }
}

/** S3 has no folders: once the last key under one is gone, so is the folder (and any emptied parents). */
async function removeEmptyFolders(folder: string, stopAt: string): Promise<void> {
  for (let current = folder; current.startsWith(stopAt + path.sep); current = path.dirname(current)) {
    try {
      await fs.promises.rmdir(current);
    } catch {
      return; // not empty (or already gone): parents are not empty either
    }
  }
}
