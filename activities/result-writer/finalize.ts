import type { ObjectStorage } from '../storage/object-storage';
import { isStorageError } from '../storage/object-storage';
import { byteLines } from '../streams/byte-lines';
import { readAll } from '../streams/read-all';
import { asResultWriterError } from './errors';
import { finalizedMarkerKey, manifestKey, partsFolder, resultFileKey } from './layout';
import { buildManifest, readManifest } from './manifest';
import { entriesOf, groupOf } from './record-format';
import { RollingResultFile } from './rolling-result-file';
import type {
  ChildResultRecord,
  ChildStatus,
  FinalizeResult,
  ResultFileGroup,
  ResultManifest,
  ResultTarget,
  ResultWriterOutput,
} from './types';

export interface FinalizeOptions {
  /** A result file past this many bytes continues in the next `_n` file. Default 5 GiB, as on AWS. */
  maxFileBytes?: number;
  /**
   * The manifest of the Map Run's previous attempt (after a Map Run redrive, see `readManifest`). Its SUCCEEDED
   * files stay listed and new ones are numbered after them; FAILED and PENDING cover only this attempt, as on
   * AWS, and the previous attempt's files of those kinds that are not overwritten are deleted.
   */
  previous?: ResultManifest;
}

const GROUPS: ResultFileGroup[] = ['SUCCEEDED', 'FAILED', 'PENDING'];

function zeroCounts(): Record<ChildStatus, number> {
  return { SUCCEEDED: 0, FAILED: 0, TIMED_OUT: 0, ABORTED: 0, PENDING: 0 };
}

async function listPartKeys(storage: ObjectStorage, bucket: string, folder: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await storage.listObjects(bucket, folder, token);
    keys.push(...page.objects.map((o) => o.key).filter((k) => k.endsWith('.jsonl')));
    token = page.nextContinuationToken;
  } while (token);
  return keys; // listings are in key order, which is item order for our part names
}

async function readMarker(storage: ObjectStorage, bucket: string, key: string): Promise<FinalizeResult | undefined> {
  try {
    return JSON.parse((await readAll(await storage.getObject(bucket, key))).toString('utf8')) as FinalizeResult;
  } catch (err) {
    if (isStorageError(err) && err.code === 'NoSuchKey') return undefined;
    throw err;
  }
}

/** Streams every part into the result files, record by record, in part-name order. */
async function writeResultFiles(
  storage: ObjectStorage,
  target: ResultTarget,
  config: ResultWriterOutput,
  options: FinalizeOptions,
  partKeys: string[],
): Promise<{ files: ResultManifest['ResultFiles']; counts: Record<ChildStatus, number> }> {
  const firstIndex = (group: ResultFileGroup) =>
    group === 'SUCCEEDED' ? (options.previous?.ResultFiles.SUCCEEDED.length ?? 0) : 0;
  const writers = Object.fromEntries(
    GROUPS.map((group) => [
      group,
      new RollingResultFile(
        storage,
        target.bucket,
        (n) => resultFileKey(target, group, n),
        config.outputType,
        options.maxFileBytes,
        firstIndex(group),
      ),
    ]),
  ) as Record<ResultFileGroup, RollingResultFile>;
  const counts = zeroCounts();
  try {
    for (const key of partKeys) {
      for await (const line of byteLines(await storage.getObject(target.bucket, key))) {
        if (line.bytes.length === 0) continue;
        const record = JSON.parse(line.bytes.toString('utf8')) as ChildResultRecord;
        counts[record.Status]++;
        const writer = writers[groupOf(record.Status)];
        for (const entry of entriesOf(record, config.transformation)) await writer.write(entry);
      }
    }
    const closed = await Promise.all(GROUPS.map((g) => writers[g].close()));
    const [succeeded, failed, pending] = closed as [(typeof closed)[0], (typeof closed)[0], (typeof closed)[0]];
    return {
      files: {
        FAILED: failed,
        PENDING: pending,
        SUCCEEDED: [...(options.previous?.ResultFiles.SUCCEEDED ?? []), ...succeeded],
      },
      counts,
    };
  } catch (err) {
    for (const group of GROUPS) writers[group].abort();
    throw err;
  }
}

/**
 * Turns the Map Run's result parts into the ResultWriter files of sfn-spec §6 and writes manifest.json, then
 * deletes the parts. Safe to retry at any point: until the `_finalized` marker exists the parts are intact and the
 * files are rewritten identically; after it, a retry only finishes deleting the parts; once parts and marker are
 * gone, a retry returns the manifest as it is.
 */
export async function finalizeResults(
  storage: ObjectStorage,
  target: ResultTarget & { mapRunArn: string },
  config: ResultWriterOutput,
  options: FinalizeOptions = {},
): Promise<FinalizeResult> {
  const markerKey = finalizedMarkerKey(target);
  try {
    let result = await readMarker(storage, target.bucket, markerKey);
    const partKeys = await listPartKeys(storage, target.bucket, partsFolder(target));
    if (!result && partKeys.length === 0) {
      // No parts and no marker but this run's manifest: an earlier call finished everything. Rewriting now would
      // replace the results with empty files.
      const existing = await readManifest(storage, target);
      if (existing?.MapRunArn === target.mapRunArn) return { manifestKey: manifestKey(target), manifest: existing };
    }
    if (!result) {
      const { files, counts } = await writeResultFiles(storage, target, config, options, partKeys);
      const manifest = buildManifest(target.bucket, target.mapRunArn, files);
      const key = manifestKey(target);
      await storage.putObject(target.bucket, key, JSON.stringify(manifest));
      result = { manifestKey: key, counts, manifest };
      await storage.putObject(target.bucket, markerKey, JSON.stringify(result));
      await deleteStaleFiles(storage, target.bucket, options.previous, manifest);
    }
    await storage.deleteObjects(target.bucket, partKeys);
    await storage.deleteObjects(target.bucket, [markerKey]);
    return result;
  } catch (err) {
    throw asResultWriterError(err, target.bucket, manifestKey(target));
  }
}

/** FAILED/PENDING files of a previous attempt that this attempt did not overwrite would be stale. */
async function deleteStaleFiles(
  storage: ObjectStorage,
  bucket: string,
  previous: ResultManifest | undefined,
  current: ResultManifest,
): Promise<void> {
  if (!previous) return;
  const keep = new Set([...current.ResultFiles.FAILED, ...current.ResultFiles.PENDING].map((f) => f.Key));
  const stale = [...previous.ResultFiles.FAILED, ...previous.ResultFiles.PENDING]
    .map((f) => f.Key)
    .filter((k) => !keep.has(k));
  if (stale.length > 0) await storage.deleteObjects(bucket, stale);
}
