/**
 * A sliding window inside a workflow: `width` lanes each take the next input as soon as their previous one ends,
 * so at most `width` run at once and a slow one never holds up the rest. Deterministic (no timers, no randomness).
 */
export async function slidingWindow<T, R>(
  inputs: readonly T[],
  width: number,
  run: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await run(inputs[index] as T, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(width, 1), inputs.length) }, lane));
  return results;
}
