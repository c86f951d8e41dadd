/** ResultWriter files and manifest (sfn-spec §6), shared by every storage backend. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Json } from '../../asl/json';
import { finalizeResults, readManifest, writeResultPart } from '../../activities/result-writer';
import { keysOf, MAP_RUN_ARN, MAP_RUN_ID, readJson, record } from '../helpers/result-records';
import { readText, type StorageBackend } from '../helpers/storage-backends';

export function resultWriterSuite(label: string, backend: () => StorageBackend): void {
  describe(`result writer (${label})`, () => {
    test('NONE/JSON: files per status in item order, alphabetical keys, exact manifest, parts deleted', async () => {
      const b = backend();
      const bucket = await b.newBucket();
      const target = { bucket, prefix: 'mapJobs', mapRunId: MAP_RUN_ID };
      // Written out of order: the files follow part-name order, which is item order.
      await writeResultPart(b.storage, target, {
        name: 'p00001-c0000',
        records: [record(4, 'TIMED_OUT'), record(5, 'PENDING')],
      });
      await writeResultPart(b.storage, target, {
        name: 'p00000-c0000',
        records: [record(0, 'SUCCEEDED'), record(1, 'FAILED')],
      });
      await writeResultPart(b.storage, target, {
        name: 'p00000-c0001',
        records: [record(2, 'SUCCEEDED'), record(3, 'ABORTED')],
      });
      const result = await finalizeResults(
        b.storage,
        { ...target, mapRunArn: MAP_RUN_ARN },
        { outputType: 'JSON', transformation: 'NONE' },
      );

      const base = `mapJobs/${MAP_RUN_ID}`;
      assert.equal(result.manifestKey, `${base}/manifest.json`);
      assert.deepEqual(result.counts, { SUCCEEDED: 2, FAILED: 1, TIMED_OUT: 1, ABORTED: 1, PENDING: 1 });
      assert.deepEqual(await keysOf(b, bucket), [
        `${base}/FAILED_0.json`,
        `${base}/PENDING_0.json`,
        `${base}/SUCCEEDED_0.json`,
        `${base}/manifest.json`,
      ]);

      const succeeded = (await readJson(b, bucket, `${base}/SUCCEEDED_0.json`)) as Record<string, Json>[];
      assert.deepEqual(
        succeeded.map((r) => r.Name),
        ['child-0', 'child-2'],
      );
      for (const r of succeeded) assert.deepEqual(Object.keys(r), [...Object.keys(r)].sort());
      assert.deepEqual(Object.keys(succeeded[0]!), [
        'ExecutionArn',
        'Input',
        'InputDetails',
        'Name',
        'Output',
        'OutputDetails',
        'RedriveCount',
        'RedriveStatus',
        'StartDate',
        'StateMachineArn',
        'Status',
        'StopDate',
      ]);
      const failed = (await readJson(b, bucket, `${base}/FAILED_0.json`)) as Record<string, Json>[];
      assert.deepEqual(
        failed.map((r) => [r.Name, r.Status, r.Error]),
        [
          ['child-1', 'FAILED', 'States.TaskFailed'],
          ['child-3', 'ABORTED', 'States.TaskFailed'],
          ['child-4', 'TIMED_OUT', 'States.TaskFailed'],
        ],
      );
      assert.deepEqual(
        ((await readJson(b, bucket, `${base}/PENDING_0.json`)) as Record<string, Json>[]).map((r) => r.Name),
        ['child-5'],
      );

      const manifestText = await readText(await b.storage.getObject(bucket, `${base}/manifest.json`));
      const listed = new Map((await b.storage.listObjects(bucket, undefined)).objects.map((o) => [o.key, o.size]));
      const ref = (group: string) => [{ Key: `${base}/${group}_0.json`, Size: listed.get(`${base}/${group}_0.json`) }];
      assert.equal(
        manifestText,
        JSON.stringify({
          DestinationBucket: bucket,
          MapRunArn: MAP_RUN_ARN,
          ResultFiles: { FAILED: ref('FAILED'), PENDING: ref('PENDING'), SUCCEEDED: ref('SUCCEEDED') },
        }),
      );
    });

    test('files only for statuses that occurred; all three arrays still in the manifest; empty prefix', async () => {
      const b = backend();
      const bucket = await b.newBucket();
      const target = { bucket, prefix: '', mapRunId: MAP_RUN_ID };
      await writeResultPart(b.storage, target, {
        name: 'p0',
        records: [record(0, 'SUCCEEDED'), record(1, 'SUCCEEDED')],
      });
      const result = await finalizeResults(
        b.storage,
        { ...target, mapRunArn: MAP_RUN_ARN },
        { outputType: 'JSON', transformation: 'NONE' },
      );
      assert.equal(result.manifestKey, `${MAP_RUN_ID}/manifest.json`);
      assert.deepEqual(await keysOf(b, bucket), [`${MAP_RUN_ID}/SUCCEEDED_0.json`, `${MAP_RUN_ID}/manifest.json`]);
      const manifest = await readManifest(b.storage, target);
      assert.deepEqual(manifest?.ResultFiles.FAILED, []);
      assert.deepEqual(manifest?.ResultFiles.PENDING, []);
      assert.equal(manifest?.ResultFiles.SUCCEEDED.length, 1);
    });

    test('no records at all: only the manifest, with three empty arrays', async () => {
      const b = backend();
      const bucket = await b.newBucket();
      const target = { bucket, prefix: 'jobs/', mapRunId: MAP_RUN_ID };
      const result = await finalizeResults(
        b.storage,
        { ...target, mapRunArn: MAP_RUN_ARN },
        { outputType: 'JSON', transformation: 'NONE' },
      );
      assert.equal(result.manifestKey, `jobs/${MAP_RUN_ID}/manifest.json`);
      assert.deepEqual(await readJson(b, bucket, result.manifestKey), {
        DestinationBucket: bucket,
        MapRunArn: MAP_RUN_ARN,
        ResultFiles: { FAILED: [], PENDING: [], SUCCEEDED: [] },
      });
    });

    test('COMPACT writes successful outputs only, FLATTEN concatenates array outputs; failures stay full records', async () => {
      const records = [
        record(0, 'SUCCEEDED', [1, 2]),
        record(1, 'SUCCEEDED', { x: 'y' }),
        record(2, 'FAILED'),
        record(3, 'SUCCEEDED', [3, [4]]),
      ];
      for (const [transformation, expected] of [
        ['COMPACT', [[1, 2], { x: 'y' }, [3, [4]]]],
        ['FLATTEN', [1, 2, { x: 'y' }, 3, [4]]],
      ] as const) {
        const b = backend();
        const bucket = await b.newBucket();
        const target = { bucket, prefix: 'p', mapRunId: MAP_RUN_ID };
        await writeResultPart(b.storage, target, { name: 'p0', records });
        await finalizeResults(b.storage, { ...target, mapRunArn: MAP_RUN_ARN }, { outputType: 'JSON', transformation });
        assert.deepEqual(await readJson(b, bucket, `p/${MAP_RUN_ID}/SUCCEEDED_0.json`), expected, transformation);
        const failed = (await readJson(b, bucket, `p/${MAP_RUN_ID}/FAILED_0.json`)) as Record<string, Json>[];
        assert.equal(failed[0]?.Cause, 'boom 2');
      }
    });

    test('JSONL: one entry per line', async () => {
      const b = backend();
      const bucket = await b.newBucket();
      const target = { bucket, prefix: 'l', mapRunId: MAP_RUN_ID };
      await writeResultPart(b.storage, target, {
        name: 'p0',
        records: [record(0, 'SUCCEEDED', [1, 2]), record(1, 'SUCCEEDED', 'three')],
      });
      await finalizeResults(
        b.storage,
        { ...target, mapRunArn: MAP_RUN_ARN },
        { outputType: 'JSONL', transformation: 'FLATTEN' },
      );
      assert.equal(
        await readText(await b.storage.getObject(bucket, `l/${MAP_RUN_ID}/SUCCEEDED_0.json`)),
        '1\n2\n"three"\n',
      );
    });
  });
}
