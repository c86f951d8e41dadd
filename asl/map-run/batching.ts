/**
 * ItemBatcher (sfn-spec §1.7): consecutive items grouped into child inputs `{BatchInput?, Items}`. A batch closes
 * at MaxItemsPerBatch items or before it would pass MaxInputBytesPerBatch (256 KiB when only a count is set).
 */
import { jsonByteLength, type Json } from '../json';

export const MAX_BATCH_BYTES = 256 * 1024;

export interface BatchLimits {
  maxItemsPerBatch?: number;
  maxInputBytesPerBatch?: number;
  batchInput?: Json;
}

/** A batch: its items, the index (in `items`) of its first, and the byte size of its child input (batchInput). */
export interface Batch {
  first: number;
  items: Json[];
  bytes: number;
}

/** Groups `items` into batches. */
export function batchItems(items: Json[], limits: BatchLimits): Batch[] {
  const maxItems = limits.maxItemsPerBatch ?? Number.POSITIVE_INFINITY;
  const maxBytes = Math.min(limits.maxInputBytesPerBatch ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
  const overhead = jsonByteLength(batchInput([], limits.batchInput));
  const batches: Batch[] = [];
  let current: Json[] = [];
  let first = 0;
  let bytes = overhead;
  items.forEach((item, index) => {
    // Measured once: the item's own bytes, plus the comma before it in a batch that already has items.
    const itemBytes = jsonByteLength(item);
    if (current.length > 0 && (current.length >= maxItems || bytes + itemBytes + 1 > maxBytes)) {
      batches.push({ first, items: current, bytes });
      current = [];
      bytes = overhead;
    }
    if (current.length === 0) first = index;
    bytes += itemBytes + (current.length > 0 ? 1 : 0);
    current.push(item);
  });
  if (current.length > 0) batches.push({ first, items: current, bytes });
  return batches;
}

/** The child input of a batch; `BatchInput` comes first when configured, as recorded on AWS. */
export function batchInput(items: Json[], batchInputValue: Json | undefined): Json {
  return batchInputValue === undefined ? { Items: items } : { BatchInput: batchInputValue, Items: items };
}
