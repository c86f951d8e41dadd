/**
 * What the interpreter needs from the place it runs in. The workflow host (workflows/) maps Task to an activity,
 * Wait to a durable timer and cancellation to Temporal's CancellationScope; a test host runs in-process.
 * Keeping these behind one interface lets the same language core run everywhere (DESIGN.md §3).
 */
import type { Entropy } from '../context';
import type { Json } from '../json';

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
}
