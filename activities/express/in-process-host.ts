/**
 * The interpreter's host for Express children, inside one activity: Task = direct handler call, Wait = a timer,
 * cancellation = AbortSignals nested through AsyncLocalStorage (the same shape as Temporal's CancellationScope).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { StatesError, StatesErrors } from '../../asl/errors';
import type { HandlerInvocation, InterpreterHost } from '../../asl/interpreter/host';
import type { Json } from '../../asl/json';
import type { HandlerRegistry } from '../handler-registry';

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export function createInProcessHost(
  handlers: HandlerRegistry,
  root: AbortSignal,
  heartbeat: () => void,
): InterpreterHost {
  const current = new AsyncLocalStorage<AbortSignal>();
  const signal = () => current.getStore() ?? root;

  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      const s = signal();
      if (s.aborted) return reject(new Cancelled());
      const timer = setTimeout(() => {
        s.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Cancelled());
      };
      s.addEventListener('abort', onAbort, { once: true });
    });

  async function invokeHandler(invocation: HandlerInvocation): Promise<Json> {
    const handler = handlers.get(invocation.functionName);
    if (!handler) {
      throw new StatesError('Lambda.ResourceNotFoundException', `Function not found: ${invocation.functionName}`);
    }
    const parent = signal();
    const controller = new AbortController();
    const forward = () => controller.abort();
    parent.addEventListener('abort', forward, { once: true });
    const timeout = invocation.timeoutSeconds
      ? setTimeout(() => controller.abort(new StatesError(StatesErrors.Timeout)), invocation.timeoutSeconds * 1000)
      : undefined;
    try {
      const aborted = new Promise<never>((_, reject) =>
        controller.signal.addEventListener(
          'abort',
          () => reject(controller.signal.reason instanceof StatesError ? controller.signal.reason : new Cancelled()),
          { once: true },
        ),
      );
      const call = Promise.resolve(
        handler(invocation.payload, { functionName: invocation.functionName, heartbeat, signal: controller.signal }),
      );
      const result = await Promise.race([call, aborted]);
      return (result === undefined ? null : JSON.parse(JSON.stringify(result))) as Json;
    } catch (error) {
      if (error instanceof StatesError || error instanceof Cancelled) throw error;
      const err = error instanceof Error ? error : new Error(String(error));
      throw new StatesError(err.name || 'Error', err.message);
    } finally {
      if (timeout) clearTimeout(timeout);
      parent.removeEventListener('abort', forward);
    }
  }

  return {
    now: () => Date.now(),
    uuid: () => randomUUID(),
    random: () => Math.random(),
    sleep,
    invokeHandler,
    cancellable<T>(work: () => Promise<T>) {
      const controller = new AbortController();
      const parent = signal();
      if (parent.aborted) controller.abort();
      else parent.addEventListener('abort', () => controller.abort(), { once: true });
      return { promise: current.run(controller.signal, work), cancel: () => controller.abort() };
    },
    isCancellation: (error) => error instanceof Cancelled,
  };
}
