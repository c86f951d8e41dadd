/**
 * DescribeMapRun sampled over time while a benchmark runs: running and pendingRedrive children, successes, and
 * whether each sample accounts for every item (the exclusive counts add up to the total).
 */
import type { StepFunctions } from '../../client';

export interface Sample {
  /** Seconds since the redrive was issued. */
  at: number;
  running: number;
  pendingRedrive: number;
  succeeded: number;
  /** Every item is counted once: the exclusive counts add up to the total, which is the Map Run's item count. */
  whole: boolean;
}

/** DescribeMapRun every `everyMs` until stopped; the child counts (items, with no ItemBatcher here). */
export function sampleMapRun(sfn: StepFunctions, mapRunArn: string, since: number, everyMs: number) {
  const samples: Sample[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { itemCounts: c } = await sfn.describeMapRun({ mapRunArn });
      const sum = c.pending + c.running + c.succeeded + c.failed + c.timedOut + c.aborted;
      samples.push({
        at: (performance.now() - since) / 1000,
        running: c.running,
        pendingRedrive: c.pendingRedrive,
        succeeded: c.succeeded,
        whole: sum === c.total,
      });
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

export function reportSamples(samples: Sample[], items: number, concurrency: number): void {
  if (samples.length === 0) return;
  const row = (s: Sample) =>
    `| ${s.at.toFixed(2)} | ${s.running} | ${s.pendingRedrive} | ${s.succeeded} | ${s.whole ? 'yes' : 'NO'} |`;
  const firstRunning = samples.find((s) => s.running > 0);
  const peak = Math.max(...samples.map((s) => s.running));
  console.log(`
DescribeMapRun during the redrive (${samples.length} samples; items ${items}):
`);
  console.log('| s after redrive | running | pendingRedrive | succeeded | whole |');
  const shown = samples.length <= 12 ? samples : [...samples.slice(0, 8), ...samples.slice(-3)];
  for (const s of shown) console.log(row(s));
  console.log(
    `
first sample: running ${samples[0]!.running}, pendingRedrive ${samples[0]!.pendingRedrive}; ` +
      `first with children running (${firstRunning?.at.toFixed(2) ?? '-'} s): running ${firstRunning?.running ?? 0}, ` +
      `pendingRedrive ${firstRunning?.pendingRedrive ?? 0}; last: pendingRedrive ${samples.at(-1)!.pendingRedrive}`,
  );
  console.log(
    `most running at once: ${peak} (MaxConcurrency ${concurrency}: ${peak <= concurrency ? 'honoured' : 'EXCEEDED'}); ` +
      `every sample whole: ${samples.every((s) => s.whole) ? 'yes' : 'NO'}; ` +
      `fewest succeeded in a sample: ${Math.min(...samples.map((s) => s.succeeded))}`,
  );
}
