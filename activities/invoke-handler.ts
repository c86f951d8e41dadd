/**
 * The activity behind every Task state. A handler's thrown error becomes a non-retryable ApplicationFailure whose
 * type is the error's `name` and whose message is the cause: Step Functions' Retry, not Temporal's, decides what
 * runs again. Temporal only retries an attempt lost with its worker (missed heartbeat) or cancelled by a worker
 * that stopped before the handler finished.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Json } from '../asl/json';
import type { HandlerRegistry } from './handler-registry';

export interface InvokeHandlerInput {
  functionName: string;
  payload: Json;
  /** Set when the Task has HeartbeatSeconds: the handler heartbeats itself, nothing is sent on its behalf. */
  userHeartbeats: boolean;
}

/** How often liveness is reported for handlers that do not heartbeat themselves. */
const AUTO_HEARTBEAT_MS = 2_000;

export function createInvokeHandler(handlers: HandlerRegistry) {
  return async function invokeHandler(input: InvokeHandlerInput): Promise<Json> {
    const handler = handlers.get(input.functionName);
    if (!handler) {
      throw ApplicationFailure.create({
        type: 'Lambda.ResourceNotFoundException',
        message: `Function not found: ${input.functionName} (this worker has: ${[...handlers.keys()].sort().join(', ') || 'no handlers'})`,
        nonRetryable: true,
      });
    }
    const context = Context.current();
    const timer = input.userHeartbeats ? undefined : setInterval(() => context.heartbeat(), AUTO_HEARTBEAT_MS);
    try {
      const call = handler(input.payload, {
        functionName: input.functionName,
        heartbeat: (details) => context.heartbeat(details),
        signal: context.cancellationSignal,
      });
      // A cancelled attempt ends now, whether or not the handler heeds its signal: Temporal no longer wants its result.
      const result = await Promise.race([call, context.cancelled]);
      return (result === undefined ? null : JSON.parse(JSON.stringify(result))) as Json;
    } catch (error) {
      // Cancelled (execution stopped, heartbeat lost, or this worker stopping past its grace): the SDK reports a
      // stopping worker's attempt as a retryable WorkerShutdown failure, so it runs again elsewhere. A handler's
      // own reaction to the signal is not its error.
      if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason;
      if (error instanceof ApplicationFailure) throw error;
      const err = error instanceof Error ? error : new Error(String(error));
      throw ApplicationFailure.create({ type: err.name || 'Error', message: err.message, nonRetryable: true });
    } finally {
      if (timer) clearInterval(timer);
    }
  };
}
