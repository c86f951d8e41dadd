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

/** Groups `items` into batches; returns the start index (in `items`) of every batch too. */
export function batchItems(items: Json[], limits: BatchLimits): Array<{ first: number; items: Json[] }> {
  const maxItems = limits.maxItemsPerBatch ?? Number.POSITIVE_INFINITY;
  const maxBytes = Math.min(limits.maxInputBytesPerBatch ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
  const overhead = jsonByteLength(batchInput([], limits.batchInput));
  const batches: Array<{ first: number; items: Json[] }> = [];
  let current: Json[] = [];
  let first = 0;
  let bytes = overhead;
  items.forEach((item, index) => {
    const size = jsonByteLength(item) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && (current.length >= maxItems || bytes + size > maxBytes)) {
      batches.push({ first, items: current });
      current = [];
      bytes = overhead;
    }
    if (current.length === 0) first = index;
    current.push(item);
    bytes += jsonByteLength(item) + (current.length > 1 ? 1 : 0);
  });
  if (current.length > 0) batches.push({ first, items: current });
  return batches;
}

/** The child input of a batch; `BatchInput` comes first when configured, as recorded on AWS. */
export function batchInput(items: Json[], batchInputValue: Json | undefined): Json {
  return batchInputValue === undefined ? { Items: items } : { BatchInput: batchInputValue, Items: items };
}
