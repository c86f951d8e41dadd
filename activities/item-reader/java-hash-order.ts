/**
 * AWS builds CSV and S3 Inventory items in a Java `HashMap`, so their keys come out in hash-bucket order, not
 * header order. Recorded examples: headers `0,True,{}` -> keys `0, {}, True`; inventory items
 * `LastModifiedDate, Bucket, Size, Key`. Reproducing that order makes our items serialise byte for byte like AWS's.
 *
 * HashMap iteration: buckets in index order, entries of one bucket in insertion order (resizes keep that relative
 * order). Index = (h ^ (h >>> 16)) & (capacity - 1), with h = String.hashCode() over UTF-16 code units. Capacity
 * starts at 16 and doubles whenever size exceeds 0.75 * capacity. Buckets of 8+ colliding keys become trees in
 * Java; we keep insertion order there, which can differ (rare: it needs 8 keys in one bucket).
 */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function capacityFor(size: number): number {
  let capacity = 16;
  while (size > capacity * 0.75) capacity *= 2;
  return capacity;
}

/** Indices into `keys` in the order a Java HashMap holding them (inserted in this order) iterates them. */
export function javaHashMapOrder(keys: readonly string[]): number[] {
  const mask = capacityFor(keys.length) - 1;
  return keys
    .map((key, index) => {
      const h = javaStringHash(key);
      return { index, bucket: (h ^ (h >>> 16)) & mask };
    })
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((e) => e.index);
}
