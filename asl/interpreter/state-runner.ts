/**
 * What runs one state (states/*.ts) and what it returns when the state did not fail: its StateResult. A failure or
 * an abort is thrown instead (failed-or-aborted.ts).
 *
 * The states that hold branches (Parallel, Map) run them with run-states.ts's runStates, which in turn runs them:
 * that recursion is handed to every runner as its `runStates` argument, so imports go one way (run-states.ts
 * imports the runners, never the other way round).
 */
import type { Json } from '../json';
import type { Branch, State } from '../types';
import type { RunContext } from './run-context';

/** How a state ended when it did not fail: its output, where to go next (none = end of branch), its last event. */
export interface StateResult {
  output: Json;
  next?: string;
  lastEventId: number;
}

/** How a sequence of states (the machine, a Parallel branch, a Map iteration) ended: its output and last event. */
export interface BranchResult {
  output: Json;
  lastEventId: number;
}

/** Runs a sequence of states from StartAt, or from `startAt` when a redrive resumes it there. */
export type RunStates = (
  branch: Branch,
  input: Json,
  rc: RunContext,
  previousEventId: number,
  startAt?: string,
) => Promise<BranchResult>;

export type StateRunner<S extends State> = (
  name: string,
  state: S,
  input: Json,
  rc: RunContext,
  enteredEventId: number,
  runStates: RunStates,
) => Promise<StateResult>;
