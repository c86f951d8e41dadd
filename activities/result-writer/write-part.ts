import type { ObjectStorage } from '../storage/object-storage';
import { asResultWriterError } from './errors';
import { isValidPartName, partKey } from './layout';
import { sortedRecord } from './record-format';
import type { ChildResultRecord, ResultTarget } from './types';

/**
 * Stores a batch of child records as `<prefix>/<mapRunId>/_parts/<name>.jsonl`. The name is deterministic (e.g.
 * `p00012-c0003`, sorting in item order), so a retried activity overwrites its own part instead of adding records
 * twice.
 */
export async function writeResultPart(
  storage: ObjectStorage,
  target: ResultTarget,
  part: { name: string; records: ChildResultRecord[] },
): Promise<void> {
  if (!isValidPartName(part.name)) throw new TypeError(`Invalid result part name: ${JSON.stringify(part.name)}`);
  const key = partKey(target, part.name);
  const body = part.records.map((r) => `${JSON.stringify(sortedRecord(r))}\n`).join('');
  try {
    await storage.putObject(target.bucket, key, body);
  } catch (err) {
    throw asResultWriterError(err, target.bucket, key);
  }
}
