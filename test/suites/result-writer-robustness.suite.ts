/** ResultWriter under load and failure: rolling files, streaming, retried activities, Map Run redrive. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Json } from '../../asl/json';
import { finalizeResults, readManifest, writeResultPart } from '../../activities/result-writer';
import { keysOf, MAP_RUN_ARN, MAP_RUN_ID, readJson, record } from '../helpers/result-records';
import type { StorageBackend } from '../helpers/storage-backends';

export function resultWriterRobustnessSuite(label: string, backend: () => StorageBackend): void {
  describe(`result writer: size cap, retries, redrive (${label})`, () => {
    test('files roll over to _1, _2, ... past the size cap; sizes in the manifest are the object sizes', async () => {
      const b = backend();
      const bucket = await b.newBucket();
      const target = { bucket, prefix: 'roll', mapRunId: MAP_RUN_ID };
      const records = Array.from({ length: 40 }, (_, n) => record(n, 'SUCCEEDED', { n, pad: 'x'.repeat(50) }));
      await writeResultPart(b.storage, target, { name: 'p0', records: records.slice(0, 25) });
      await writeResultPart(b.storage, target, { name: 'p1', records: records.slice(25) });
      const cap = 500;
      const { manifest } = await finalizeResults(
        b.storage,
        { ...target, mapRunArn: MAP_RUN_ARN },
        { outputType: 'JSON', transformation: 'COMPACT' },
        { maxFileBytes: cap },
      );
      const files = manifest.ResultFiles.SUCCEEDED;
      assert.ok(files.length > 3);
      assert.deepEqual(
        files.map((f) => f.Key),
        files.map((_, i) => `roll/${MAP_RUN_ID}/SUCCEEDED_${i}.json`),
      );
      const listed = new Map((await b.storage.listObjects(bucket, 'roll/')).objects.map((o) => [o.key, o.size]));
      const all: Json[] = [];
      for (const f of files) {
        assert.ok(f.Size <= cap, `${f.Key} has ${f.Size} bytes`);
        assert.equal(listed.get(f.Key), f.Size);
        all.push(...((await readJson(b, bucket, f.Key)) as Json[]));
      }
      assert.deepEqual(
        all,
        records.map((r) => JSON.parse(r.Output!) as Json),
      );
    });

    test('large result files stream through (backpressure, multipart upload on S3)', async () => {
      const b = backend();
      const bucket = await b.newBucket();
      const target = { bucket, prefix: 'large', mapRunId: MAP_RUN_ID };
      const pad = 'y'.repeat(2000);
      for (let p = 0; p < 6; p++) {
        const records = Array.from({ length: 1000 }, (_, i) =>
          record(p * 1000 + i, 'SUCCEEDED', { i: p * 1000 + i, pad }),
        );
        await writeResultPart(b.storage, target, { name: `p${p}`, records });
      }
      const { manifest, counts } = await finalizeResults(
        b.storage,
        { ...target, mapRunArn: MAP_RUN_ARN },
        { outputType: 'JSON', transformation: 'NONE' },
      );
      assert.equal(counts?.SUCCEEDED, 6000);
      const [file] = manifest.ResultFiles.SUCCEEDED;
      assert.ok(file && file.Size > 12 * 1024 * 1024, `one file of ${file?.Size} bytes`);
      const listed = (await b.storage.listObjects(bucket, file.Key)).objects[0];
      assert.equal(listed?.size, file.Size);
      const all = (await readJson(b, bucket, file.Key)) as Record<string, Json>[];
      assert.deepEqual(
        all.map((r) => r.Name),
        Array.from({ length: 6000 }, (_, i) => `child-${i}`),
      );
    });

    test('a retried part write overwrites, and a retried finalize neither duplicates nor empties the results', async () => {
      const b = backend();
      const bucket = await b.newBucket();
      const target = { bucket, prefix: 'retry', mapRunId: MAP_RUN_ID };
      const part = { name: 'p0', records: [record(0, 'SUCCEEDED'), record(1, 'FAILED')] };
      await writeResultPart(b.storage, target, part);
      await writeResultPart(b.storage, target, part);
      const config = { outputType: 'JSON', transformation: 'NONE' } as const;
      const first = await finalizeResults(b.storage, { ...target, mapRunArn: MAP_RUN_ARN }, config);
      const files = await keysOf(b, bucket);
      const again = await finalizeResults(b.storage, { ...target, mapRunArn: MAP_RUN_ARN }, config);
      assert.deepEqual(again.manifest, first.manifest);
      assert.deepEqual(await keysOf(b, bucket), files);
      assert.equal(((await readJson(b, bucket, `retry/${MAP_RUN_ID}/SUCCEEDED_0.json`)) as Json[]).length, 1);
      assert.equal(((await readJson(b, bucket, `retry/${MAP_RUN_ID}/FAILED_0.json`)) as Json[]).length, 1);
    });

    test('after a Map Run redrive, SUCCEEDED files of all attempts are listed, FAILED only of the latest', async () => {
      const b = backend();
      const bucket = await b.newBucket();
      const target = { bucket, prefix: 'redrive', mapRunId: MAP_RUN_ID };
      const config = { outputType: 'JSON', transformation: 'NONE' } as const;
      await writeResultPart(b.storage, target, {
        name: 'p0',
        records: [record(0, 'SUCCEEDED'), record(1, 'FAILED'), record(2, 'FAILED')],
      });
      await finalizeResults(b.storage, { ...target, mapRunArn: MAP_RUN_ARN }, config);
      const previous = await readManifest(b.storage, target);
      await writeResultPart(b.storage, target, {
        name: 'p0-r1',
        records: [record(1, 'SUCCEEDED'), record(2, 'FAILED')],
      });
      const { manifest } = await finalizeResults(b.storage, { ...target, mapRunArn: MAP_RUN_ARN }, config, {
        previous,
      });
      assert.deepEqual(
        manifest.ResultFiles.SUCCEEDED.map((f) => f.Key),
        [`redrive/${MAP_RUN_ID}/SUCCEEDED_0.json`, `redrive/${MAP_RUN_ID}/SUCCEEDED_1.json`],
      );
      const failed = (await readJson(b, bucket, `redrive/${MAP_RUN_ID}/FAILED_0.json`)) as Record<string, Json>[];
      assert.deepEqual(
        failed.map((r) => r.Name),
        ['child-2'],
      );
    });

    test('a missing bucket fails with States.ResultWriterFailed', async () => {
      const target = { bucket: 'tsf-no-such-bucket-x4', prefix: 'x', mapRunId: MAP_RUN_ID };
      await assert.rejects(
        writeResultPart(backend().storage, target, { name: 'p0', records: [record(0, 'SUCCEEDED')] }),
        {
          error: 'States.ResultWriterFailed',
          cause: 'The specified bucket does not exist. (Bucket: tsf-no-such-bucket-x4)',
        },
      );
    });
  });
}
