/**
 * Runs `step` now and again after the delay it returns (a chain of timeouts, so slow answers never pile up).
 * `refresh()` runs it at once (after the current run, if one is in flight). `step` gets `isStale()`, true once
 * the page moved on, so an answer for an older page is dropped. `deps` restart the loop (a new page).
 */
import { useCallback, useEffect, useRef } from 'react';

export function usePolling(step: (isStale: () => boolean) => Promise<number>, deps: readonly unknown[]): () => void {
  const stepRef = useRef(step);
  stepRef.current = step;
  const refreshRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    let stopped = false;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (): Promise<void> => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      clearTimeout(timer);
      running = true;
      let delay = 5000;
      try {
        delay = await stepRef.current(() => stopped);
      } catch {
        // A step shows its own errors; this only keeps the loop alive.
      } finally {
        running = false;
      }
      if (stopped) return;
      if (again) {
        again = false;
        return run();
      }
      timer = setTimeout(() => void run(), delay);
    };
    refreshRef.current = () => void run();
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, deps);
  return useCallback(() => refreshRef.current(), []);
}
