/**
 * What the interpreter needs from the place it runs in. The workflow host (workflows/) maps Task to an activity,
 * Wait to a durable timer and cancellation to Temporal's CancellationScope; a test host runs in-process.
 * Keeping these behind one interface lets the same language core run everywhere (DESIGN.md §3).
 */
import type { Entropy } from '../context';
import type { Json } from '../json';
import type { MapRunSettings } from '../map-run/settings';
import type { MapState, QueryLanguage } from '../types';

/** One call of a user's task handler: a Lambda-like function looked up by name. */
export interface HandlerInvocation {
  stateName: string;
  functionName: string;
  payload: Json;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

/** A unit of work that can be cancelled from outside (a Parallel branch, a Map iteration, the whole run). */
export interface Cancellable<T> {
  promise: Promise<T>;
  cancel(): void;
}

/** What a Distributed Map asks its host to run: everything already resolved against the state's input. */
export interface MapRunRequest {
  stateName: string;
  /** Where the state sits: enclosing Parallel / Map states and branch or iteration indexes, then its name. */
  statePath?: ReadonlyArray<string | number>;
  label: string;
  state: MapState;
  /** The Map state's effective input: `$` of ItemSelector. */
  input: Json;
  /** Items from the state input; absent when an ItemReader supplies them. */
  items?: Json[];
  reader?: ResolvedReader;
  resultWriter?: ResolvedResultWriter;
  settings: MapRunSettings;
  /** The context object without `Map` (ItemSelector adds `Map.Item` per item). */
  context: Json;
  /** The Map state's query language: how ItemSelector is read (asl/jsonata/item-selector.ts selectItem). */
  queryLanguage?: QueryLanguage;
  /** The variables the Map state sees, for its ItemSelector (the children themselves start with none). */
  variables?: Record<string, Json>;
}

export interface ResolvedReader {
  resource: string;
  bucket: string;
  key?: string;
  prefix?: string;
  readerConfig: NonNullable<NonNullable<MapState['ItemReader']>['ReaderConfig']>;
}

export interface ResolvedResultWriter {
  /** Absent when only WriterConfig is given: the results stay in the state output. */
  bucket?: string;
  prefix?: string;
  transformation: 'NONE' | 'COMPACT' | 'FLATTEN';
  outputType: 'JSON' | 'JSONL';
}

export interface StartedMapRun {
  mapRunArn: string;
  /** Set when the host redrove an earlier Map Run instead of starting one (MapRunRedriven replaces MapRunStarted). */
  redriveCount?: number;
  /** Resolves with the Map state's result; rejects with StatesError (MapRunFailed) or a cancellation. */
  result: Promise<Json>;
}

export interface InterpreterHost extends Entropy {
  /** Epoch milliseconds; the workflow clock inside Temporal. */
  now(): number;
  /** Durable sleep; rejects with a cancellation when the surrounding work is cancelled. */
  sleep(ms: number): Promise<void>;
  /** Runs a handler; rejects with StatesError (handler error, States.Timeout, States.HeartbeatTimeout) or a cancellation. */
  invokeHandler(invocation: HandlerInvocation): Promise<Json>;
  /** Starts `work` so that it can be cancelled on its own (siblings of a failed branch are cancelled). */
  cancellable<T>(work: () => Promise<T>): Cancellable<T>;
  /** True when `error` is the host's signal that the work was cancelled. */
  isCancellation(error: unknown): boolean;
  /** Starts a Map Run; hosts without one (Express children) make Distributed Maps fail. */
  startMapRun?(request: MapRunRequest): Promise<StartedMapRun>;
}
