/** ItemReader over inventories and listings, MaxItems, and storage errors; shared by every storage backend. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readPage, scanItems, type ResolvedItemReader } from '../../activities/item-reader';
import { assertSameJson, rejectsWithStatesError, scanAndReadAll } from '../helpers/item-reader-harness';
import type { StorageBackend } from '../helpers/storage-backends';

const GET = 'arn:aws:states:::s3:getObject' as const;
const LIST = 'arn:aws:states:::s3:listObjectsV2' as const;
const FAILED = 'States.ItemReaderFailed';
const LIMITS = { maxItemsPerPage: 3, maxBytesPerPage: 1e6 };

export function itemReaderSourcesSuite(label: string, backend: () => StorageBackend): void {
  describe(`item reader: S3 inventory manifest (${label})`, () => {
    test('rows of every listed CSV.gz file, keyed by fileSchema in AWS key order; pages never span files', async () => {
      const { storage, newBucket } = backend();
      const [manifestBucket, dataBucket] = [await newBucket(), await newBucket()];
      const row = (key: string, size: number) => `"src","${key}","${size}","2024-01-0${size}T00:00:00.000Z"`;
      const files = [
        { key: 'inv/data/one.csv.gz', rows: [row('a.txt', 1), row('b, with comma.txt', 2)] },
        { key: 'inv/data/two.csv.gz', rows: [row('c.txt', 3), row('d.txt', 4), row('e.txt', 5)] },
      ];
      for (const f of files) await storage.putObject(dataBucket, f.key, gzipSync(`${f.rows.join('\n')}\n`));
      const manifest = {
        sourceBucket: 'src',
        destinationBucket: `arn:aws:s3:::${dataBucket}`,
        version: '2016-11-30',
        fileFormat: 'CSV',
        fileSchema: 'Bucket, Key, Size, LastModifiedDate',
        files: files.map((f) => ({ key: f.key, size: 1, MD5checksum: 'ignored' })),
      };
      await storage.putObject(manifestBucket, 'inv/manifest.json', JSON.stringify(manifest));
      const reader: ResolvedItemReader = {
        resource: GET,
        bucket: manifestBucket,
        key: 'inv/manifest.json',
        inputType: 'MANIFEST',
      };
      const { items, scan } = await scanAndReadAll(storage, reader, LIMITS);
      // Key order as in the AWS documentation's example item: LastModifiedDate, Bucket, Size, Key.
      const item = (key: string, size: number) => ({
        LastModifiedDate: `2024-01-0${size}T00:00:00.000Z`,
        Bucket: 'src',
        Size: String(size),
        Key: key,
      });
      assertSameJson(items, [
        item('a.txt', 1),
        item('b, with comma.txt', 2),
        item('c.txt', 3),
        item('d.txt', 4),
        item('e.txt', 5),
      ]);
      assert.deepEqual(
        scan.pages.map((p) => p.itemCount),
        [2, 3],
      );
      const capped = await scanAndReadAll(storage, { ...reader, maxItems: 3 }, LIMITS);
      assert.deepEqual(
        capped.items.map((i) => (i as { Key: string }).Key),
        ['a.txt', 'b, with comma.txt', 'c.txt'],
      );
    });

    test('a missing data file fails naming it', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      const manifest = {
        destinationBucket: `arn:aws:s3:::${bucket}`,
        fileFormat: 'CSV',
        fileSchema: 'Bucket, Key',
        files: [{ key: 'gone.csv.gz' }],
      };
      await storage.putObject(bucket, 'manifest.json', JSON.stringify(manifest));
      await rejectsWithStatesError(
        scanItems(storage, { resource: GET, bucket, key: 'manifest.json', inputType: 'MANIFEST' }, LIMITS),
        FAILED,
        `The specified key does not exist. (Bucket: ${bucket}, Key: gone.csv.gz)`,
      );
    });
  });

  describe(`item reader: listObjectsV2 (${label})`, () => {
    test('one item per object in key order, with Etag, Key, LastModified (epoch s), Size, StorageClass', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      const keys = Array.from({ length: 10 }, (_, i) => `file_${i}.txt`);
      for (const key of [...keys].reverse()) await storage.putObject(bucket, key, `${key.slice(5, 6)}HelloWorld!`);
      await storage.putObject(bucket, 'other/skip.txt', 'x');
      const startedS = Math.floor(Date.now() / 1000) - 120;
      const reader: ResolvedItemReader = { resource: LIST, bucket, prefix: 'file_' };
      const { items, scan } = await scanAndReadAll(storage, reader, LIMITS);
      assert.equal(scan.pages.length, 4);
      assert.deepEqual(
        items.map((i) => Object.keys(i as object)),
        keys.map(() => ['Etag', 'Key', 'LastModified', 'Size', 'StorageClass']),
      );
      for (const [n, raw] of items.entries()) {
        const item = raw as { Etag: string; Key: string; LastModified: number; Size: number; StorageClass: string };
        assert.equal(item.Key, keys[n]);
        assert.equal(item.Size, 12);
        assert.equal(item.StorageClass, 'STANDARD');
        assert.equal(item.Etag, `"${createHash('md5').update(`${n}HelloWorld!`).digest('hex')}"`);
        assert.ok(Number.isInteger(item.LastModified) && item.LastModified >= startedS);
      }
      const all = await scanItems(storage, { resource: LIST, bucket }, LIMITS);
      assert.equal(all.totalItems, 11);
      assert.equal((await scanItems(storage, { ...reader, maxItems: 4 }, LIMITS)).totalItems, 4);
    });

    test('a page whose objects changed after the scan is refused, not silently shifted', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      for (const key of ['a', 'c', 'e', 'g']) await storage.putObject(bucket, key, key);
      const reader: ResolvedItemReader = { resource: LIST, bucket };
      const scan = await scanItems(storage, reader, { maxItemsPerPage: 2, maxBytesPerPage: 1e6 });
      await storage.putObject(bucket, 'b', 'b');
      await rejectsWithStatesError(
        readPage(storage, reader, scan.pages[0]!),
        FAILED,
        /changed after the Map Run read it/,
      );
      assert.equal((await readPage(storage, reader, scan.pages[1]!)).length, 2);
    });

    test('a missing bucket fails with S3 wording', async () => {
      await rejectsWithStatesError(
        scanItems(backend().storage, { resource: LIST, bucket: 'tsf-no-such-bucket-x2' }, LIMITS),
        FAILED,
        'The specified bucket does not exist. (Bucket: tsf-no-such-bucket-x2)',
      );
    });
  });

  describe(`item reader: MaxItems and errors (${label})`, () => {
    test('MaxItems caps every format in file order; 0 means all; negative fails', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      await storage.putObject(bucket, 'i.json', JSON.stringify([1, 2, 3, 4, 5]));
      await storage.putObject(bucket, 'i.jsonl', '1\n2\n3\n4\n5\n');
      await storage.putObject(bucket, 'i.csv', 'n\n1\n2\n3\n4\n5\n');
      const readers: ResolvedItemReader[] = [
        { resource: GET, bucket, key: 'i.json', inputType: 'JSON' },
        { resource: GET, bucket, key: 'i.jsonl', inputType: 'JSONL' },
        { resource: GET, bucket, key: 'i.csv', inputType: 'CSV' },
      ];
      for (const reader of readers) {
        const two = await scanAndReadAll(storage, { ...reader, maxItems: 2 }, LIMITS);
        assert.equal(two.items.length, 2, reader.key);
        assert.equal(JSON.stringify(two.items).replace(/[^0-9]/g, ''), '12', reader.key);
        assert.equal((await scanAndReadAll(storage, { ...reader, maxItems: 0 }, LIMITS)).items.length, 5);
        assert.equal((await scanAndReadAll(storage, { ...reader, maxItems: 100_000_001 }, LIMITS)).items.length, 5);
        await rejectsWithStatesError(
          scanItems(storage, { ...reader, maxItems: -1 }, LIMITS),
          FAILED,
          'field MaxItems must be positive',
        );
      }
    });

    test('MaxItems stops reading: what follows the last item taken is never parsed', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      await storage.putObject(bucket, 'tail.jsonl', '{"a":1}\n{"b":2}\nnot json at all\n');
      await storage.putObject(bucket, 'tail.json', '[1, 2, oops');
      assert.equal(
        (
          await scanItems(
            storage,
            { resource: GET, bucket, key: 'tail.jsonl', inputType: 'JSONL', maxItems: 2 },
            LIMITS,
          )
        ).totalItems,
        2,
      );
      assert.equal(
        (await scanItems(storage, { resource: GET, bucket, key: 'tail.json', maxItems: 2 }, LIMITS)).totalItems,
        2,
      );
    });

    test('a missing key, a missing bucket and a corrupt gzip fail with causes naming them', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      await rejectsWithStatesError(
        scanItems(storage, { resource: GET, bucket, key: 'nope.json' }, LIMITS),
        FAILED,
        `The specified key does not exist. (Bucket: ${bucket}, Key: nope.json)`,
      );
      await rejectsWithStatesError(
        scanItems(storage, { resource: GET, bucket: 'tsf-no-such-bucket-x3', key: 'k.json' }, LIMITS),
        FAILED,
        'The specified bucket does not exist. (Bucket: tsf-no-such-bucket-x3)',
      );
      await storage.putObject(bucket, 'bad.jsonl.gz', 'this is not gzip');
      await rejectsWithStatesError(
        scanItems(storage, { resource: GET, bucket, key: 'bad.jsonl.gz', inputType: 'JSONL' }, LIMITS),
        FAILED,
        new RegExp(`^Failed to decompress s3://${bucket}/bad\\.jsonl\\.gz: `),
      );
    });

    test('a file replaced after the scan is detected when its page is read', async () => {
      const { storage, newBucket } = backend();
      const bucket = await newBucket();
      await storage.putObject(bucket, 'f.jsonl', '1\n2\n3\n4\n');
      const reader: ResolvedItemReader = { resource: GET, bucket, key: 'f.jsonl', inputType: 'JSONL' };
      const scan = await scanItems(storage, reader, { maxItemsPerPage: 2, maxBytesPerPage: 1e6 });
      await storage.putObject(bucket, 'f.jsonl', '1\n\n\n\n\n2\n3\n4\n');
      await rejectsWithStatesError(
        readPage(storage, reader, scan.pages[1]!),
        FAILED,
        /changed after the Map Run read it/,
      );
    });
  });
}
