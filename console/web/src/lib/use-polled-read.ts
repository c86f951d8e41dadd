/**
 * One read kept fresh: `read` runs now, again every `everyMs`, on `refresh()` and whenever `deps` change
 * (use-polling.ts); its answer, whether it is loading, and its error as the page shows it. An answer for older
 * `deps` is dropped.
 */
import { useState } from 'react';
import { describeError, type ShownError } from '../api';
import { usePolling } from './use-polling';

export interface PolledRead<T> {
  data?: T;
  loading: boolean;
  error?: ShownError;
  dismissError: () => void;
  refresh: () => void;
}

export function usePolledRead<T>(read: () => Promise<T>, deps: readonly unknown[], everyMs: number): PolledRead<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ShownError>();
  const refresh = usePolling(async (isStale) => {
    setLoading(true);
    try {
      const answer = await read();
      if (isStale()) return 0;
      setData(answer);
      setError(undefined);
    } catch (e) {
      if (!isStale()) setError(describeError(e));
    } finally {
      if (!isStale()) setLoading(false);
    }
    return everyMs;
  }, deps);
  return { data, loading, error, dismissError: () => setError(undefined), refresh };
}
