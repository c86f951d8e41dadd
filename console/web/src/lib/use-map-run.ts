/**
 * What Map Run Details shows, kept current. useMapRun polls DescribeMapRun (every second while RUNNING, every 5 s
 * after) and the parent execution, which decides whether "Redrive from failure" is possible, and keeps the samples
 * of items finished for the plot. useMapRunChildren reads one page of the children on demand: on a filter or page
 * change, and when the Map Run changes status. Neither lists children to count them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, describeError, type ShownError } from '../api';
import type { ProgressSample } from '../components/ProgressPlot';
import type { Execution, ExecutionList, MapRun } from '../types';
import { usePolling } from './use-polling';
import { usePolledRead } from './use-polled-read';

const MAX_SAMPLES = 3600;
const WATCH_AFTER_ACTION_MS = 15_000;

export function finishedItems(run: MapRun): number {
  const c = run.itemCounts;
  return c.succeeded + c.failed + c.timedOut + c.aborted;
}

export interface MapRunView {
  /** Undefined until the first DescribeMapRun answers. */
  mapRun?: MapRun;
  parent?: Execution;
  samples: ProgressSample[];
  error?: ShownError;
  /** Goes up each time the Map Run's status changes, so the children are read again. */
  statusChanges: number;
  /** Reads again now, and every second for a while (after a redrive, which the Map Run shows a moment later). */
  refresh: () => void;
}

export function useMapRun(arn: string): MapRunView {
  const [mapRun, setMapRun] = useState<MapRun>();
  const [parent, setParent] = useState<Execution>();
  const [samples, setSamples] = useState<ProgressSample[]>([]);
  const [error, setError] = useState<ShownError>();
  const [statusChanges, setStatusChanges] = useState(0);
  const lastStatus = useRef<string | undefined>(undefined);
  // Until when to read every second whatever the status: a redrive's answer comes before the Map Run is RUNNING.
  const watchUntil = useRef(0);

  useEffect(() => {
    setMapRun(undefined);
    setParent(undefined);
    setSamples([]);
    lastStatus.current = undefined;
  }, [arn]);

  const poll = usePolling(
    async (isStale) => {
      try {
        const described = await api.mapRun(arn);
        if (isStale()) return 0;
        setMapRun(described);
        setError(undefined);
        setSamples((s) => {
          const next = [
            ...s,
            { at: Date.now(), finished: finishedItems(described), total: described.itemCounts.total },
          ];
          return next.length > MAX_SAMPLES ? next.slice(next.length - MAX_SAMPLES) : next;
        });
        const execution = await api.execution(described.executionArn);
        if (isStale()) return 0;
        setParent(execution);
        if (lastStatus.current !== undefined && lastStatus.current !== described.status) {
          setStatusChanges((v) => v + 1);
        }
        lastStatus.current = described.status;
        return described.status === 'RUNNING' || Date.now() < watchUntil.current ? 1000 : 5000;
      } catch (e) {
        if (!isStale()) setError(describeError(e));
        return 5000;
      }
    },
    [arn],
  );
  const refresh = useCallback(() => {
    watchUntil.current = Date.now() + WATCH_AFTER_ACTION_MS;
    poll();
  }, [poll]);

  return { mapRun, parent, samples, error, statusChanges, refresh };
}

export interface MapRunChildrenView {
  children?: ExecutionList;
  loading: boolean;
  error?: ShownError;
  refresh: () => void;
}

export function useMapRunChildren(
  arn: string,
  query: { status: string; nextToken?: string; statusChanges: number },
): MapRunChildrenView {
  const { status, nextToken, statusChanges } = query;
  const {
    data: children,
    loading,
    error,
    refresh,
  } = usePolledRead(
    () => api.mapRunChildren(arn, { status, nextToken, maxResults: 25 }),
    [arn, status, nextToken, statusChanges],
    // Read again only on demand, on a filter or page change, and when the Map Run changes status.
    24 * 3600 * 1000,
  );
  return { children, loading, error, refresh };
}
