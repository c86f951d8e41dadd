/**
 * The benchmark's Task handler: the same function runs under the Map Run (registered as `benchWork`) and under the
 * plain-Temporal baseline (called by its activity). A little CPU work over the input, then a tiny result (the
 * number of items handled), so outputs never dominate payloads or hit the Map state's 256 KiB result quota.
 */
export async function benchWork(event: unknown): Promise<number> {
  const items = isBatch(event) ? event.Items : [event];
  // One cheap hash round over the JSON: enough that the handler is not a no-op, far below any scheduling cost.
  const text = JSON.stringify(items);
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash === Number.MIN_SAFE_INTEGER ? 0 : items.length;
}

function isBatch(event: unknown): event is { Items: unknown[] } {
  return typeof event === 'object' && event !== null && Array.isArray((event as { Items?: unknown }).Items);
}
