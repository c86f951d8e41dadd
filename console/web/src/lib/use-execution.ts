/**
 * What Execution Details shows, kept current: polls DescribeExecution (every second while RUNNING, every 5 s after,
 * so a redrive from elsewhere shows up), reads only the events not yet held, the definition for the graph once, and
 * the Map Runs when the execution changed (at most every 2 s while it runs). A new ARN starts afresh.
 */
import { useEffect, useRef, useState } from 'react';
import { api, describeError, type ShownError } from '../api';
import type { MapRunRow } from '../components/MapRunsTable';
import type { Execution, HistoryEvent } from '../types';
import { definitionFor } from './execution-definition';
import { buildGraph, type StateGraphModel } from './graph-model';
import { syncHistory } from './history-sync';
import { usePolling } from './use-polling';

export interface ExecutionView {
  /** Undefined until the first DescribeExecution answers. */
  execution?: Execution;
  events: readonly HistoryEvent[];
  /** False until the events are read: the graph is then drawn uncoloured rather than all "not run". */
  eventsRead: boolean;
  mapRuns: MapRunRow[];
  graph?: StateGraphModel;
  /** The last read's failure, cleared by the next read that succeeds. */
  error?: ShownError;
  /** Reads again now (after a redrive or a stop). */
  refresh: () => void;
}

async function loadMapRuns(executionArn: string): Promise<MapRunRow[]> {
  const { mapRuns } = await api.mapRunsOf(executionArn);
  // Counts for the first few; an execution with more Map Runs lists the rest without them.
  return Promise.all(
    mapRuns.map(async (run, index) => ({
      ...run,
      detail: index < 20 ? await api.mapRun(run.mapRunArn).catch(() => undefined) : undefined,
    })),
  );
}

export function useExecution(arn: string): ExecutionView {
  const [execution, setExecution] = useState<Execution>();
  const [events, setEvents] = useState<readonly HistoryEvent[]>([]);
  const [eventsRead, setEventsRead] = useState(false);
  const [mapRuns, setMapRuns] = useState<MapRunRow[]>([]);
  const [graph, setGraph] = useState<StateGraphModel>();
  const [error, setError] = useState<ShownError>();
  const previous = useRef<Execution | undefined>(undefined);
  const eventsRef = useRef<readonly HistoryEvent[]>([]);
  const mapRunsAt = useRef(0);

  useEffect(() => {
    previous.current = undefined;
    eventsRef.current = [];
    mapRunsAt.current = 0;
    setExecution(undefined);
    setEvents([]);
    setEventsRead(false);
    setMapRuns([]);
    setGraph(undefined);
    setError(undefined);
  }, [arn]);

  const refresh = usePolling(
    async (isStale) => {
      try {
        const described = await api.execution(arn);
        if (isStale()) return 0;
        const before = previous.current;
        if (!before) {
          definitionFor(described)
            .then((definition) => !isStale() && definition && setGraph(buildGraph(definition)))
            .catch((e: unknown) => !isStale() && setError(describeError(e)));
        }
        const changed =
          !before ||
          before.status !== described.status ||
          before.redriveCount !== described.redriveCount ||
          before.stopDate !== described.stopDate;
        // The events are read before anything is shown, so status and graph colours always agree.
        const fresh =
          changed || described.status === 'RUNNING'
            ? await syncHistory((params) => api.history(arn, params), eventsRef.current)
            : eventsRef.current;
        if (isStale()) return 0;
        previous.current = described;
        setExecution(described);
        setError(undefined);
        if (fresh !== eventsRef.current) {
          eventsRef.current = fresh;
          setEvents(fresh);
        }
        setEventsRead(true);
        if (changed || (described.status === 'RUNNING' && Date.now() - mapRunsAt.current > 2000)) {
          mapRunsAt.current = Date.now();
          const runs = await loadMapRuns(arn);
          if (!isStale()) setMapRuns(runs);
        }
        return described.status === 'RUNNING' ? 1000 : 5000;
      } catch (e) {
        if (!isStale()) setError(describeError(e));
        return 5000;
      }
    },
    [arn],
  );

  return { execution, events, eventsRead, mapRuns, graph, error, refresh };
}
