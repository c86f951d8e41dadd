import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { createStorage, LocalStorage, S3Storage, StorageError } from '../../activities/storage';
import { tempDir } from '../helpers/fixtures';
import { localBackend } from '../helpers/storage-backends';
import { storageSuite } from '../suites/storage.suite';

const backend = localBackend();
storageSuite('local', () => backend);

const tempRoots: string[] = [backend.root];
after(() => tempRoots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

/** A fresh local backend whose folder is removed after the file's tests. */
function freshLocal() {
  const fresh = localBackend();
  tempRoots.push(fresh.root);
  return fresh;
}

async function refused(promise: Promise<unknown>, codes: StorageError['code'][]): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof StorageError && codes.includes(err.code));
}

describe('local storage: keys never leave their bucket folder', () => {
  const root = tempDir('storage-escape');
  tempRoots.push(root);
  const storage = new LocalStorage(path.join(root, 'storage'));
  fs.mkdirSync(path.join(root, 'storage', 'bucket'), { recursive: true });
  fs.mkdirSync(path.join(root, 'storage', 'other'), { recursive: true });
  fs.writeFileSync(path.join(root, 'storage', 'other', 'secret.txt'), 'secret');
  fs.writeFileSync(path.join(root, 'outside.txt'), 'outside');

  const badKeys = [
    '../other/secret.txt',
    '../../outside.txt',
    'a/../../other/secret.txt',
    '/etc/passwd',
    'a\\..\\..\\outside.txt',
    '..\\other\\secret.txt',
    'a\0b',
    '',
    '.',
    '..',
    'a//b',
    'a/',
    './a',
    '.tsf-partial-1234',
  ];

  test('reads, writes and deletes with escaping keys are refused as InvalidKey', async () => {
    for (const key of badKeys) {
      await refused(storage.getObject('bucket', key), ['InvalidKey']);
      await refused(storage.putObject('bucket', key, 'pwned'), ['InvalidKey']);
      await refused(storage.deleteObjects('bucket', [key]), ['InvalidKey']);
    }
    assert.equal(fs.readFileSync(path.join(root, 'storage', 'other', 'secret.txt'), 'utf8'), 'secret');
    assert.equal(fs.readFileSync(path.join(root, 'outside.txt'), 'utf8'), 'outside');
    assert.deepEqual(fs.readdirSync(path.join(root, 'storage', 'bucket')), []);
  });

  test('bucket names that are not one plain folder name are refused', async () => {
    for (const bucket of ['..', '.', '', 'a/b', '../storage', '/tmp', 'a\\b', 'a\0', '.hidden', 'x'.repeat(300)]) {
      await refused(storage.getObject(bucket, 'k'), ['InvalidBucketName']);
      await refused(storage.putObject(bucket, 'k', 'v'), ['InvalidBucketName']);
      await refused(storage.listObjects(bucket, undefined), ['InvalidBucketName']);
    }
  });

  test('a prefix is only a filter: "../" lists nothing outside the bucket', async () => {
    await storage.putObject('bucket', 'inside.txt', 'in');
    for (const prefix of ['../', '../other/', '/', '..']) {
      assert.deepEqual((await storage.listObjects('bucket', prefix)).objects, []);
    }
  });

  test('a symbolic link leading outside the bucket is neither served nor listed', async () => {
    fs.symlinkSync(path.join(root, 'outside.txt'), path.join(root, 'storage', 'bucket', 'link.txt'));
    fs.symlinkSync(path.join(root, 'storage', 'other'), path.join(root, 'storage', 'bucket', 'linkdir'));
    await refused(storage.getObject('bucket', 'link.txt'), ['AccessDenied']);
    await refused(storage.getObject('bucket', 'linkdir/secret.txt'), ['AccessDenied']);
    const keys = (await storage.listObjects('bucket', undefined)).objects.map((o) => o.key);
    assert.deepEqual(keys, ['inside.txt']);
  });
});

describe('local storage: atomic writes', () => {
  test('a writer that fails midway leaves neither the object nor a temp file', async () => {
    const { storage, newBucket, root } = freshLocal();
    const bucket = await newBucket();
    await storage.putObject(bucket, 'f.txt', 'old content');
    async function* failing() {
      yield Buffer.from('new content, first half');
      throw new Error('writer crashed');
    }
    await assert.rejects(storage.putObjectStream(bucket, 'f.txt', Readable.from(failing())), /writer crashed/);
    assert.equal(fs.readFileSync(path.join(root, bucket, 'f.txt'), 'utf8'), 'old content');
    assert.deepEqual(fs.readdirSync(path.join(root, bucket)), ['f.txt']);
  });

  test('temp files of a crashed writer are never listed; hand-copied files are, with their MD5 ETag', async () => {
    const { storage, newBucket, root } = freshLocal();
    const bucket = await newBucket();
    fs.writeFileSync(path.join(root, bucket, '.tsf-partial-0123abcd'), 'half a file');
    fs.mkdirSync(path.join(root, bucket, 'in'));
    fs.writeFileSync(path.join(root, bucket, 'in', 'data.csv'), 'a,b\n1,2\n');
    const { objects } = await storage.listObjects(bucket, undefined);
    assert.deepEqual(
      objects.map((o) => [o.key, o.etag]),
      [['in/data.csv', `"${createHash('md5').update('a,b\n1,2\n').digest('hex')}"`]],
    );
  });

  test('deleting the last key of a folder removes the folder', async () => {
    const { storage, newBucket, root } = freshLocal();
    const bucket = await newBucket();
    await storage.putObject(bucket, 'deep/er/key', 'x');
    await storage.deleteObjects(bucket, ['deep/er/key']);
    assert.deepEqual(fs.readdirSync(path.join(root, bucket)), []);
  });
});

describe('createStorage', () => {
  test('local folder from TSF_STORAGE_DIR, else TSF_DATA_DIR/storage; S3 when TSF_S3_ENDPOINT is set', () => {
    const local = createStorage({}, { TSF_STORAGE_DIR: '/tmp/tsf-x/storage' });
    assert.ok(local instanceof LocalStorage);
    assert.equal(local.root, '/tmp/tsf-x/storage');
    const fromData = createStorage({}, { TSF_DATA_DIR: '/tmp/tsf-y' });
    assert.ok(fromData instanceof LocalStorage);
    assert.equal(fromData.root, '/tmp/tsf-y/storage');
    const s3 = createStorage({}, { TSF_S3_ENDPOINT: 'http://127.0.0.1:9000', AWS_REGION: 'eu-west-2' });
    assert.ok(s3 instanceof S3Storage);
    assert.equal(s3.kind, 's3');
  });
});
