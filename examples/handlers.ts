/**
 * Task handlers used by the examples, the demo and the tests. A handler is a plain async function; a thrown
 * error's `name` becomes the Step Functions error and its message the cause.
 */
import fs from 'node:fs';
import type { HandlerContext } from '../activities/handler-registry';
import { countCall } from './call-counter';

export async function greet(event: { name?: string }): Promise<{ greeting: string; length: number }> {
  const greeting = `Hello, ${event.name ?? 'world'}!`;
  return { greeting, length: greeting.length };
}

/** Returns its input unchanged (the conformance corpus's `identity` Lambda). */
export async function identity<T>(event: T): Promise<T> {
  return event;
}

/** Always fails like the corpus's `raise-exception` Lambda. */
export async function raiseException(): Promise<never> {
  const error = new Error('Some exception was raised.');
  error.name = 'Exception';
  throw error;
}

/**
 * Fails with `FlakyError` until it has been called `failTimes` times for the same `key`; counts calls in a file
 * under `counterDir` so that tests (and a restarted worker) see how often it really ran.
 */
export async function flaky(event: { key: string; failTimes: number; counterDir: string }) {
  const calls = countCall(event.counterDir, event.key);
  if (calls <= event.failTimes) {
    const error = new Error(`call ${calls} of ${event.key} fails on purpose`);
    error.name = 'FlakyError';
    throw error;
  }
  return { key: event.key, calls };
}

/** Sleeps `seconds` (cancellable), counting its calls like `flaky`. */
export async function slow(event: { seconds: number; key?: string; counterDir?: string }, context: HandlerContext) {
  const calls = event.counterDir && event.key ? countCall(event.counterDir, event.key) : 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, event.seconds * 1000);
    context.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    });
  });
  return { slept: event.seconds, calls };
}

/**
 * Fails with `GateClosed` until the file `switchFile` exists, counting its calls per `key`: "fix the cause, then
 * redrive" in tests and the demo.
 */
export async function gated(event: { key: string; switchFile: string; counterDir?: string; [field: string]: unknown }) {
  const calls = event.counterDir ? countCall(event.counterDir, event.key) : 0;
  if (!fs.existsSync(event.switchFile)) {
    const error = new Error(`${event.key}: the switch ${event.switchFile} is off`);
    error.name = 'GateClosed';
    throw error;
  }
  return { key: event.key, calls };
}

/**
 * Returns `bytes` characters of padding while the file `switchFile` does not exist, and none once it does (counting
 * its calls per `key`): "a result too large for Step Functions, fixed, then redriven" in tests.
 */
export async function padded(event: { key: string; bytes: number; switchFile: string; counterDir?: string }) {
  const calls = event.counterDir ? countCall(event.counterDir, event.key) : 0;
  const padding = fs.existsSync(event.switchFile) ? '' : 'x'.repeat(event.bytes);
  return { key: event.key, calls, padding };
}

/**
 * While the file `switchFile` does not exist: waits `waitSeconds` (cancellable) when given, then fails with the error
 * named `error` when one is given. Once it exists, succeeds at once. Counts its calls per `key`: children that fail
 * for different reasons ("throttled", "bad data") or run long, some fixed and redriven selectively.
 */
export async function failsAs(
  event: { key: string; error?: string; waitSeconds?: number; switchFile: string; counterDir?: string },
  context?: HandlerContext,
) {
  const calls = event.counterDir ? countCall(event.counterDir, event.key) : 0;
  if (fs.existsSync(event.switchFile)) return { key: event.key, calls };
  if (event.waitSeconds) await cancellableSleep(event.waitSeconds, context);
  if (event.error) {
    const error = new Error(`${event.key} fails with ${event.error} while ${event.switchFile} is off`);
    error.name = event.error;
    throw error;
  }
  return { key: event.key, calls };
}

function cancellableSleep(seconds: number, context: HandlerContext | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, seconds * 1000);
    context?.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    });
  });
}
