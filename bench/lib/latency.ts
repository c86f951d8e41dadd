/**
 * Latency of a call measured the way a user's code sees it: `calls` calls over `inFlight` concurrent loops. Shared
 * by the benches that compare two ways of doing one thing (bench/api.bench.ts, bench/start-sync.bench.ts).
 */

/** Each call's latency in ms, sorted, and the calls per second over the whole run. */
export async function measure(
  call: () => Promise<unknown>,
  calls: number,
  inFlight: number,
): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < calls) {
        next += 1;
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const perSecond = calls / ((performance.now() - started) / 1000);
  return { latencies: latencies.sort((a, b) => a - b), perSecond };
}

/** The p-quantile (0..1) of sorted latencies. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
