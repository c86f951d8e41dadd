/**
 * What the Express execution page shows, kept current: its details read from its log records (every 2 s until it
 * has closed, as records arrive in batches; every 30 s after), and its definition for the graph once.
 */
import { useState } from 'react';
import { api, describeError, type ShownError } from '../api';
import type { ExpressExecutionDetails } from '../types';
import { expressDefinitionFor } from './express-definition';
import { buildGraph, type StateGraphModel } from './graph-model';
import { usePolling } from './use-polling';

export interface ExpressExecutionView {
  details?: ExpressExecutionDetails;
  graph?: StateGraphModel;
  error?: ShownError;
  refresh: () => void;
}

export function useExpressExecution(arn: string): ExpressExecutionView {
  const [details, setDetails] = useState<ExpressExecutionDetails>();
  const [graph, setGraph] = useState<StateGraphModel>();
  const [graphOf, setGraphOf] = useState<string>();
  const [error, setError] = useState<ShownError>();
  const refresh = usePolling(
    async (isStale) => {
      try {
        const answer = await api.expressExecution(arn);
        if (isStale()) return 0;
        setDetails(answer);
        setError(undefined);
        const execution = answer.execution;
        if (execution && graphOf !== execution.stateMachineArn) {
          setGraphOf(execution.stateMachineArn);
          expressDefinitionFor(execution.stateMachineArn, answer.events)
            .then((definition) => !isStale() && definition && setGraph(buildGraph(definition)))
            .catch((e: unknown) => !isStale() && setError(describeError(e)));
        }
        return execution === undefined || execution.status === 'RUNNING' ? 2000 : 30_000;
      } catch (e) {
        if (!isStale()) setError(describeError(e));
        return 5000;
      }
    },
    [arn],
  );
  return { details, graph, error, refresh };
}
