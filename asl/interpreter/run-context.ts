/**
 * Everything a running state needs besides its own input: the host, the event log, and the fixed parts of
 * the context object.
 */
import type { ContextObject } from '../context';
import type { EventLog } from '../events';
import type { Json } from '../json';
import type { InterpreterHost } from './host';

export interface RunContext {
  host: InterpreterHost;
  log: EventLog;
  execution: ContextObject['Execution'];
  stateMachine: ContextObject['StateMachine'];
  region: string;
}

/** The `$$` object as a state sees it on entry (and on each retry, with its RetryCount). */
export function contextObject(
  rc: RunContext,
  stateName: string,
  enteredTime: number,
  retryCount?: number,
  mapItem?: ContextObject['Map'],
): Json {
  // Only states that can retry (Task, Parallel, Map) carry State.RetryCount, as recorded on AWS.
  const state = { EnteredTime: new Date(enteredTime).toISOString(), Name: stateName };
  const context: ContextObject = {
    Execution: rc.execution,
    State: retryCount === undefined ? state : { ...state, RetryCount: retryCount },
    StateMachine: rc.stateMachine,
    ...(mapItem ? { Map: mapItem } : {}),
  };
  return context as unknown as Json;
}
