/**
 * How the baseline cuts its items into partitions: the shape a careful Temporal user writes, and the same as the
 * engine's (workflows/map-run/pages.ts), so the comparison measures per-child overhead, not a different layout.
 * Node-free: shared by the baseline's workflows and activities.
 */

/** Children per partition workflow, as in the engine (CHILDREN_PER_PARTITION). */
export const DEFAULT_CHILDREN_PER_PARTITION = 250;
/** Item bytes one partition holds at most, as in the engine (BYTES_PER_PARTITION): far below the 2 MB blob limit. */
export const MAX_PAGE_BYTES = 1024 * 1024;

export interface BaselinePage {
  index: number;
  firstItem: number;
  itemCount: number;
  /** Items from the workflow input. */
  items?: unknown[];
  /** Byte range of the page's lines in the JSONL file (read by the partition itself). */
  range?: { start: number; end: number };
}

export function slicePages(items: unknown[], itemsPerPage: number): BaselinePage[] {
  const pages: BaselinePage[] = [];
  for (let first = 0; first < items.length; first += itemsPerPage) {
    const slice = items.slice(first, first + itemsPerPage);
    pages.push({ index: pages.length, firstItem: first, itemCount: slice.length, items: slice });
  }
  return pages;
}

/** Groups items into the children's inputs: `{Items: [...]}` per batch like ItemBatcher, or one item per child. */
export function childInputs(items: unknown[], batch: number): unknown[] {
  if (batch <= 1) return items;
  const inputs: unknown[] = [];
  for (let first = 0; first < items.length; first += batch) inputs.push({ Items: items.slice(first, first + batch) });
  return inputs;
}

/** MaxConcurrency spread over partitions the way the engine does: ceil(C / size) at once, each a window <= size. */
export function partitionWindows(concurrency: number, childrenPerPartition: number) {
  const atOnce = Math.max(1, Math.ceil(concurrency / childrenPerPartition));
  const window = Math.max(1, Math.min(childrenPerPartition, Math.ceil(concurrency / atOnce)));
  return { atOnce, window };
}
