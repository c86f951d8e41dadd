/**
 * How a Map Run's items are cut into partitions. Items from the state input are sliced here; items from an
 * ItemReader come as page descriptors from the scan activity, so no workflow ever holds a whole file.
 */
import type { Json } from '../../asl/json';
import { BYTES_PER_PARTITION, CHILDREN_PER_PARTITION } from './config';

export interface PartitionPage {
  index: number;
  firstItem: number;
  itemCount: number;
  /** Items from the state input. */
  items?: Json[];
  /** A page of the ItemReader's source, read by the partition itself (with itemBytes, from the scan). */
  cursor?: Json;
  itemBytes?: number;
}

/** Items per partition: whole batches, so a batch never spans two partitions. */
export function itemsPerPartition(maxItemsPerBatch: number | undefined): number {
  return CHILDREN_PER_PARTITION * (maxItemsPerBatch ?? 1);
}

export function slicePages(items: Json[], maxItemsPerBatch: number | undefined): PartitionPage[] {
  const size = itemsPerPartition(maxItemsPerBatch);
  const pages: PartitionPage[] = [];
  for (let first = 0; first < items.length; first += size) {
    const slice = items.slice(first, first + size);
    pages.push({ index: pages.length, firstItem: first, itemCount: slice.length, items: slice });
  }
  return pages;
}

export const SCAN_LIMITS = (maxItemsPerBatch: number | undefined) => ({
  maxItemsPerPage: itemsPerPartition(maxItemsPerBatch),
  maxBytesPerPage: BYTES_PER_PARTITION,
});

/** Children a page will make, as far as known before it is read (byte-limited batches are counted when read). */
export function expectedChildren(
  page: { itemCount: number },
  batcher: { maxItemsPerBatch?: number } | undefined,
): number {
  if (!batcher) return page.itemCount;
  return Math.ceil(page.itemCount / ((batcher.maxItemsPerBatch ?? page.itemCount) || 1));
}

/** The scan's page descriptor, as the reader wants it back (a partition reads its own page). */
export function readerPage(page: PartitionPage) {
  return {
    index: page.index,
    firstItem: page.firstItem,
    itemCount: page.itemCount,
    itemBytes: page.itemBytes ?? 0,
    cursor: page.cursor ?? null,
  };
}
