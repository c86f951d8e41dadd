/**
 * Everything a running state needs besides its own input: the host, the event log, and the fixed parts of
 * the context object.
 */
import type { ContextObject } from '../context';
import type { EventLog } from '../events';
import type { Json } from '../json';
import type { Branch } from '../types';
import type { QueryLanguage } from '../types';
import { VariableScope } from '../variables/scope';
import type { BranchMemory, BranchPath } from './branch-memory';
import type { InterpreterHost } from './host';

export interface RunContext {
  host: InterpreterHost;
  log: EventLog;
  execution: ContextObject['Execution'];
  stateMachine: ContextObject['StateMachine'];
  region: string;
  /** The variables the running branch sees (runExecution creates the root; branches get child scopes). */
  variables?: VariableScope;
  /** The definition's QueryLanguage: the default of every scope that does not set its own. */
  topQueryLanguage?: QueryLanguage;
  /** The default of the states of the branch being run (its own QueryLanguage, else the definition's). */
  scopeQueryLanguage?: QueryLanguage;
  /**
   * Called as each state is entered, with the branch it belongs to: the execution actor remembers the machine's
   * last entered state and its input, which is where a redrive starts again.
   */
  onEnterState?: (branch: Branch, name: string, input: Json, rc: RunContext) => void;
  /** Where each Parallel branch and Inline Map iteration got to, so that a redrive re-runs only what failed. */
  branches?: BranchMemory;
  /** The running branch's path (empty or absent at the machine's top level). */
  branchPath?: BranchPath;
}

/** A state's query language: its own, else its scope's. */
export function queryLanguageOf(state: { QueryLanguage?: QueryLanguage }, rc: RunContext): QueryLanguage {
  return state.QueryLanguage ?? rc.scopeQueryLanguage ?? rc.topQueryLanguage ?? 'JSONPath';
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

/**
 * The context of branch `index` of the Parallel or Inline Map state `stateName`: outer variables readable, its own
 * assignments local (a resumed branch starts with the ones it had made before).
 */
export function branchContext(
  rc: RunContext,
  stateName: string,
  index: number,
  ownVariables?: Record<string, Json>,
): RunContext {
  return {
    ...rc,
    variables: new VariableScope(rc.variables, ownVariables),
    branchPath: [...(rc.branchPath ?? []), stateName, index],
  };
}
