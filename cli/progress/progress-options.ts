/** The progress flags shared by `start-execution --wait` and `describe-map-run --watch`. */
import { InvalidArgumentError, Option } from 'commander';
import type { ProgressDisplay } from './progress-display';

export const noProgressOption = () => new Option('--no-progress', 'no progress display on stderr');

/** Checked when the arguments are parsed, so a bad value fails before anything starts. */
export const progressIntervalOption = () =>
  new Option('--progress-interval <seconds>', 'seconds between progress lines when stderr is not a terminal')
    .default(5)
    .argParser((value) => {
      const seconds = Number(value);
      if (!Number.isFinite(seconds) || seconds <= 0)
        throw new InvalidArgumentError('must be a positive number of seconds');
      return seconds;
    });

/**
 * Waits with a progress display on stderr (`watch`), or quietly with --no-progress (`quiet`); the display is
 * closed however the wait ends.
 */
export async function waitWithProgress<T>(
  o: { progress?: boolean; progressInterval?: number },
  watch: (display: ProgressDisplay) => Promise<T>,
  quiet: () => Promise<T>,
): Promise<T> {
  if (o.progress === false) return quiet();
  const { ProgressDisplay } = await import('./progress-display');
  const display = new ProgressDisplay({ lineIntervalMs: (o.progressInterval ?? 5) * 1000 });
  try {
    return await watch(display);
  } finally {
    display.stop();
  }
}
