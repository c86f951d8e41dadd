/**
 * Runs the branches of a Parallel or the iterations of an Inline Map side by side, at most `maxConcurrency` at
 * once. The first failure cancels every sibling still running and stops the rest from starting; the state then
 * fails with that first failure once the siblings have wound down (their aborted events are written first).
 */
import { StateAborted, StateFailure } from './failed-or-aborted';
import type { RunContext } from './run-context';
import { Semaphore } from './semaphore';

/** State types that have a `<Type>StateAborted` event. */
export const ABORTABLE: ReadonlySet<string> = new Set(['Task', 'Wait', 'Map', 'Parallel']);

export interface FanOutHooks<T> {
  run(index: number): Promise<T>;
  /**
   * Called with the id of the event that caused the abort (the first failure), for previousEventId, and the type
   * of the state that was still open when the sibling failed on its own before the abort reached it.
   */
  onAborted(index: number, causeEventId: number, openStateType?: string): void;
  onFailed(index: number, failure: StateFailure): void;
}

export async function fanOut<T>(
  rc: RunContext,
  count: number,
  maxConcurrency: number,
  hooks: FanOutHooks<T>,
): Promise<T[]> {
  const semaphore = new Semaphore(maxConcurrency > 0 ? maxConcurrency : count || 1);
  const results: T[] = new Array(count);
  const running = new Map<number, () => void>();
  // Held in an object so TypeScript does not narrow them across the awaits below.
  const outcome: { firstFailure?: StateFailure; abortedBy?: StateAborted } = {};

  const one = async (index: number): Promise<void> => {
    await semaphore.acquire();
    try {
      if (outcome.firstFailure || outcome.abortedBy) return;
      const work = rc.host.cancellable(() => hooks.run(index));
      running.set(index, work.cancel);
      try {
        results[index] = await work.promise;
      } catch (error) {
        if (error instanceof StateFailure && !outcome.firstFailure) {
          outcome.firstFailure = error;
          hooks.onFailed(index, error);
          for (const [other, cancel] of running) if (other !== index) cancel();
        } else if (error instanceof StateFailure || error instanceof StateAborted || rc.host.isCancellation(error)) {
          const first = outcome.firstFailure as StateFailure | undefined;
          const openStateType = error instanceof StateFailure ? error.stateType : undefined;
          if (first) hooks.onAborted(index, first.lastEventId, openStateType);
          else outcome.abortedBy ??= error instanceof StateAborted ? error : new StateAborted(rc.log.lastId);
        } else {
          throw error;
        }
      } finally {
        running.delete(index);
      }
    } finally {
      semaphore.release();
    }
  };

  await Promise.all(Array.from({ length: count }, (_, index) => one(index)));
  if (outcome.firstFailure) {
    // AWS closes the failed branch's own open state last, as aborted (recorded Inline Map timeout history).
    const { stateType, lastEventId } = outcome.firstFailure;
    if (stateType && ABORTABLE.has(stateType)) rc.log.add(`${stateType}StateAborted`, lastEventId);
    throw outcome.firstFailure;
  }
  if (outcome.abortedBy) throw outcome.abortedBy;
  return results;
}
