import type { Json } from '../../asl/json';
import { itemReaderFailed } from './errors';
import type { ItemPage, ResolvedItemReader, ScanLimits, ScanOptions, ScanResult } from './types';

/** 0 or undefined means no cap (observed on AWS, also for values above the documented 100,000,000). */
export function maxItemsOf(reader: ResolvedItemReader): number {
  const max = reader.maxItems;
  if (max === undefined || max === 0) return Infinity;
  if (!Number.isFinite(max) || max < 0) throw itemReaderFailed('field MaxItems must be positive');
  return Math.floor(max);
}

function checkLimits(limits: ScanLimits): void {
  if (!(limits.maxItemsPerPage >= 1) || !(limits.maxBytesPerPage >= 1)) {
    throw new RangeError(`Page limits must be at least 1: ${JSON.stringify(limits)}`);
  }
}

interface OpenPage<P> {
  first: P;
  last: P;
  firstItem: number;
  itemCount: number;
  itemBytes: number;
}

/**
 * Groups scanned items into pages: at most `maxItemsPerPage` items and `maxBytesPerPage` serialised bytes each,
 * at least one item. Each format reports an item's position `P`; `cursorOf(first, last)` turns the positions of a
 * page's first and last items into the cursor its reader needs to fetch exactly that page again.
 */
export class PageBuilder<P> {
  private readonly pages: ItemPage[] = [];
  private open: OpenPage<P> | undefined;
  private total = 0;
  readonly maxItems: number;

  constructor(
    private readonly limits: ScanLimits,
    reader: ResolvedItemReader,
    private readonly cursorOf: (first: P, last: P) => Json,
    private readonly options: ScanOptions = {},
  ) {
    checkLimits(limits);
    this.maxItems = maxItemsOf(reader);
  }

  /** True once MaxItems items were taken: the scan stops reading. */
  get full(): boolean {
    return this.total >= this.maxItems;
  }

  get itemCount(): number {
    return this.total;
  }

  add(itemBytes: number, position: P): void {
    if (this.full) return;
    const open = this.open;
    if (
      open &&
      (open.itemCount + 1 > this.limits.maxItemsPerPage || open.itemBytes + itemBytes > this.limits.maxBytesPerPage)
    ) {
      this.closePage();
    }
    if (this.open) {
      this.open.last = position;
      this.open.itemCount++;
      this.open.itemBytes += itemBytes;
    } else {
      this.open = { first: position, last: position, firstItem: this.total, itemCount: 1, itemBytes };
    }
    this.total++;
    if (this.options.onProgress && this.total % (this.options.progressEvery ?? 10_000) === 0) {
      this.options.onProgress(this.total);
    }
  }

  /** Ends the current page early, e.g. where a page would otherwise span two files. */
  closePage(): void {
    const open = this.open;
    if (!open) return;
    this.pages.push({
      index: this.pages.length,
      firstItem: open.firstItem,
      itemCount: open.itemCount,
      itemBytes: open.itemBytes,
      cursor: this.cursorOf(open.first, open.last),
    });
    this.open = undefined;
  }

  finish(): ScanResult {
    this.closePage();
    return { pages: this.pages, totalItems: this.total };
  }
}

/** Serialised size of an item as the Map Run will pass it on (UTF-8 bytes of its JSON). */
export function itemBytesOf(item: Json): number {
  return Buffer.byteLength(JSON.stringify(item), 'utf8');
}
