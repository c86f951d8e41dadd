/** Behaviour every storage backend shares; run once per backend (see test/helpers/storage-backends.ts). */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { StorageError } from '../../activities/storage';
import { readText, type StorageBackend } from '../helpers/storage-backends';

const md5 = (text: string) => `"${createHash('md5').update(text).digest('hex')}"`;

async function rejectsWithCode(promise: Promise<unknown>, code: StorageError['code']): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof StorageError && err.code === code);
}

export function storageSuite(label: string, backend: () => StorageBackend): void {
  describe(`storage (${label})`, () => {
    test('put then get returns the bytes; ETag is the quoted MD5 of the content', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      const { etag } = await storage.putObject(bucket, 'dir/sub/file.txt', 'hello, wörld');
      assert.equal(etag, md5('hello, wörld'));
      assert.equal(await readText(await storage.getObject(bucket, 'dir/sub/file.txt')), 'hello, wörld');
    });

    test('a byte range returns exactly those bytes; an empty range returns nothing', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      await storage.putObject(bucket, 'r.txt', '0123456789');
      assert.equal(await readText(await storage.getObject(bucket, 'r.txt', { start: 2, end: 5 })), '234');
      assert.equal(await readText(await storage.getObject(bucket, 'r.txt', { start: 7, end: 10 })), '789');
      assert.equal(await readText(await storage.getObject(bucket, 'r.txt', { start: 4, end: 4 })), '');
    });

    test('putObjectStream stores a streamed body and reports its size and ETag', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      const parts = ['alpha,', 'beta,', 'gamma'];
      const result = await storage.putObjectStream(
        bucket,
        's/streamed.txt',
        Readable.from(parts.map((p) => Buffer.from(p))),
      );
      assert.equal(result.size, 'alpha,beta,gamma'.length);
      assert.equal(result.etag, md5('alpha,beta,gamma'));
      assert.equal(await readText(await storage.getObject(bucket, 's/streamed.txt')), 'alpha,beta,gamma');
    });

    test('overwriting a key replaces the object', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      await storage.putObject(bucket, 'k', 'first');
      await storage.putObject(bucket, 'k', 'second');
      assert.equal(await readText(await storage.getObject(bucket, 'k')), 'second');
      const { objects } = await storage.listObjects(bucket, undefined);
      assert.deepEqual(
        objects.map((o) => o.key),
        ['k'],
      );
    });

    test('listing: keys in byte order with size, ETag, date and storage class; prefix filter', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      // '-' (0x2d) sorts before '/' (0x2f): folder contents must not jump ahead of a sibling file.
      const keys = ['a/b/c.txt', 'a-z.txt', 'a/a.txt', 'b.txt', 'a/b.txt', 'Z.txt'];
      for (const key of keys) await storage.putObject(bucket, key, `body of ${key}`);
      const before = Date.now() - 60_000;
      const { objects, nextContinuationToken } = await storage.listObjects(bucket, undefined);
      assert.equal(nextContinuationToken, undefined);
      assert.deepEqual(
        objects.map((o) => o.key),
        ['Z.txt', 'a-z.txt', 'a/a.txt', 'a/b.txt', 'a/b/c.txt', 'b.txt'],
      );
      for (const o of objects) {
        assert.equal(o.size, `body of ${o.key}`.length);
        assert.equal(o.etag, md5(`body of ${o.key}`));
        assert.equal(o.storageClass, 'STANDARD');
        assert.ok(o.lastModified.getTime() > before, `lastModified of ${o.key}`);
      }
      const underA = await storage.listObjects(bucket, 'a/');
      assert.deepEqual(
        underA.objects.map((o) => o.key),
        ['a/a.txt', 'a/b.txt', 'a/b/c.txt'],
      );
      const aB = await storage.listObjects(bucket, 'a/b');
      assert.deepEqual(
        aB.objects.map((o) => o.key),
        ['a/b.txt', 'a/b/c.txt'],
      );
      assert.deepEqual((await storage.listObjects(bucket, 'nothing/')).objects, []);
    });

    test('listing pages through continuation tokens and resumes after startAfter', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      const keys = Array.from({ length: 25 }, (_, i) => `item-${String(i).padStart(3, '0')}`);
      for (const key of keys) await storage.putObject(bucket, key, key);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await storage.listObjects(bucket, 'item-', token, { maxKeys: 10 });
        assert.ok(page.objects.length <= 10);
        seen.push(...page.objects.map((o) => o.key));
        token = page.nextContinuationToken;
        pages++;
      } while (token);
      assert.deepEqual(seen, keys);
      assert.equal(pages, 3);
      const after = await storage.listObjects(bucket, undefined, undefined, { startAfter: 'item-019' });
      assert.deepEqual(
        after.objects.map((o) => o.key),
        keys.slice(20),
      );
    });

    test('deleteObjects removes keys and ignores missing ones', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      await storage.putObject(bucket, 'x/1', '1');
      await storage.putObject(bucket, 'x/2', '2');
      await storage.putObject(bucket, 'y', 'y');
      await storage.deleteObjects(bucket, ['x/1', 'x/2', 'never-there']);
      assert.deepEqual(
        (await storage.listObjects(bucket, undefined)).objects.map((o) => o.key),
        ['y'],
      );
      await rejectsWithCode(storage.getObject(bucket, 'x/1'), 'NoSuchKey');
    });

    test('missing key and missing bucket are NoSuchKey and NoSuchBucket', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      await rejectsWithCode(storage.getObject(bucket, 'missing.json'), 'NoSuchKey');
      await rejectsWithCode(storage.getObject('tsf-no-such-bucket-x1', 'k'), 'NoSuchBucket');
      await rejectsWithCode(storage.listObjects('tsf-no-such-bucket-x1', undefined), 'NoSuchBucket');
      await rejectsWithCode(storage.putObject('tsf-no-such-bucket-x1', 'k', 'v'), 'NoSuchBucket');
    });
  });
}
