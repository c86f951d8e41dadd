import type { ResultFileGroup, ResultTarget } from './types';

/**
 * Where a Map Run's result objects live (sfn-spec §6), all under `<prefix>/<mapRunId>/`:
 *
 *   manifest.json                 the index AWS users read
 *   SUCCEEDED_<n>.json            successful children        \
 *   FAILED_<n>.json               failed/timed-out/aborted    > n from 0, a new file past the size cap
 *   PENDING_<n>.json              never started               /
 *   _parts/<name>.jsonl           ours: records as partitions deliver them, one JSON record per line, merged into
 *                                 the files above by finalize and then deleted. Part names sort in item order.
 *   _parts/_finalized.json        ours: written once the files and manifest are complete, so a retried finalize
 *                                 that finds it only finishes deleting the parts (they may be half gone).
 *
 * A trailing slash on the prefix is dropped; an empty prefix puts the folder at the bucket's top.
 */
export function runFolder(target: ResultTarget): string {
  const prefix = target.prefix.replace(/\/+$/, '');
  return prefix === '' ? target.mapRunId : `${prefix}/${target.mapRunId}`;
}

export function manifestKey(target: ResultTarget): string {
  return `${runFolder(target)}/manifest.json`;
}

export function resultFileKey(target: ResultTarget, group: ResultFileGroup, n: number): string {
  return `${runFolder(target)}/${group}_${n}.json`;
}

export function partsFolder(target: ResultTarget): string {
  return `${runFolder(target)}/_parts/`;
}

/** Letters, digits, `.`, `_`, `-`; not starting with `_` (reserved for our own markers). */
const PART_NAME = /^[A-Za-z0-9.-][A-Za-z0-9._-]{0,199}$/;

export function isValidPartName(name: string): boolean {
  return PART_NAME.test(name);
}

export function partKey(target: ResultTarget, name: string): string {
  return `${partsFolder(target)}${name}.jsonl`;
}

export function finalizedMarkerKey(target: ResultTarget): string {
  return `${partsFolder(target)}_finalized.json`;
}
