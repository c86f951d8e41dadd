/** Small helpers the item-reader suites share: read everything page by page, check page limits, match errors. */
import assert from 'node:assert/strict';
import { isStatesError } from '../../asl/errors';
import type { Json } from '../../asl/json';
import {
  readPage,
  scanItems,
  type ResolvedItemReader,
  type ScanLimits,
  type ScanResult,
} from '../../activities/item-reader';
import type { ObjectStorage } from '../../activities/storage';

export const SMALL_PAGES: ScanLimits = { maxItemsPerPage: 2, maxBytesPerPage: 256 * 1024 };

/** Scans, checks the page descriptors are consistent and within limits, and reads every page back. */
export async function scanAndReadAll(
  storage: ObjectStorage,
  reader: ResolvedItemReader,
  limits: ScanLimits = SMALL_PAGES,
): Promise<{ items: Json[]; scan: ScanResult }> {
  const scan = await scanItems(storage, reader, limits);
  const items: Json[] = [];
  let expectedFirst = 0;
  for (const [index, page] of scan.pages.entries()) {
    assert.equal(page.index, index);
    assert.equal(page.firstItem, expectedFirst);
    assert.ok(page.itemCount >= 1, 'a page holds at least one item');
    assert.ok(page.itemCount <= limits.maxItemsPerPage, `page ${index} holds ${page.itemCount} items`);
    const pageItems = await readPage(storage, reader, page);
    assert.equal(pageItems.length, page.itemCount);
    const bytes = pageItems.reduce<number>((sum, item) => sum + Buffer.byteLength(JSON.stringify(item)), 0);
    assert.equal(page.itemBytes, bytes, `page ${index} byte count`);
    assert.ok(page.itemCount === 1 || bytes <= limits.maxBytesPerPage, `page ${index} holds ${bytes} bytes`);
    items.push(...pageItems);
    expectedFirst += page.itemCount;
  }
  assert.equal(scan.totalItems, items.length);
  return { items, scan };
}

/** Asserts a States error with this exact name and a cause equal to (string) or matching (RegExp) `cause`. */
export async function rejectsWithStatesError(
  promise: Promise<unknown>,
  error: string,
  cause: string | RegExp,
): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(isStatesError(err), `expected a StatesError, got ${String(err)}`);
    assert.equal(err.error, error);
    if (typeof cause === 'string') assert.equal(err.cause, cause);
    else assert.match(err.cause ?? '', cause);
    return true;
  });
}

/** Byte-exact comparison: same values and the same key order as AWS serialised them. */
export function assertSameJson(actual: Json, expected: unknown): void {
  assert.equal(JSON.stringify(actual), JSON.stringify(expected));
}
