/**
 * With `--result-writer`, a Map Run is only right if what it wrote is: the manifest names SUCCEEDED files only (no
 * FAILED or PENDING), their records are one per child, and every bench item `{"id": i}` (i in 0..N-1) is in exactly
 * one record's input, alone or in its batch's `Items`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  DestinationBucket: string;
  ResultFiles: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', Array<{ Key: string; Size: number }>>;
}

export interface ManifestCheck {
  files: number;
  records: number;
  /** Why the results are not complete; undefined when they are. */
  error?: string;
}

export function checkResultFiles(
  storageDir: string,
  mapStateOutput: string,
  items: number,
  children: number,
): ManifestCheck {
  const details = (JSON.parse(mapStateOutput) as { ResultWriterDetails?: { Bucket: string; Key: string } })
    .ResultWriterDetails;
  if (!details) return { files: 0, records: 0, error: `no ResultWriterDetails in the output: ${mapStateOutput}` };
  const manifest = JSON.parse(fs.readFileSync(path.join(storageDir, details.Bucket, details.Key), 'utf8')) as Manifest;
  const { SUCCEEDED, FAILED, PENDING } = manifest.ResultFiles;
  if (FAILED.length > 0 || PENDING.length > 0) {
    return {
      files: SUCCEEDED.length,
      records: 0,
      error: `manifest lists ${FAILED.length} FAILED, ${PENDING.length} PENDING files`,
    };
  }
  const seen = new Uint8Array(items);
  let records = 0;
  for (const file of SUCCEEDED) {
    const body = fs.readFileSync(path.join(storageDir, manifest.DestinationBucket, file.Key));
    if (body.length !== file.Size)
      return {
        files: SUCCEEDED.length,
        records,
        error: `${file.Key}: ${body.length} bytes, manifest says ${file.Size}`,
      };
    for (const record of JSON.parse(body.toString('utf8')) as Array<{ Input: string; Status: string }>) {
      records++;
      const input = JSON.parse(record.Input) as { id?: number; Items?: Array<{ id: number }> };
      for (const { id } of input.Items ?? [input as { id: number }]) {
        if (!(id >= 0 && id < items) || seen[id]) {
          return { files: SUCCEEDED.length, records, error: `item ${id} is out of range or recorded twice` };
        }
        seen[id] = 1;
      }
    }
  }
  const missing = seen.indexOf(0);
  if (missing !== -1) return { files: SUCCEEDED.length, records, error: `item ${missing} has no record` };
  if (records !== children)
    return { files: SUCCEEDED.length, records, error: `${records} records for ${children} children` };
  return { files: SUCCEEDED.length, records };
}
