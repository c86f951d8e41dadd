/**
 * Stand-ins for the Lambdas the recordings called (corpus README, `taskBehaviour`), registered under the function
 * names the cases use: the engine looks a handler up by the function name in the ARN or FunctionName.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { HandlerContext } from '../../activities/handler-registry';

export const conformanceHandlers = {
  /** Returns its event. */
  identity: (event: unknown) => event,

  /** Python's `raise Exception("Some exception was raised.")`: error type Exception. */
  'raise-exception': () => {
    const error = new Error('Some exception was raised.');
    error.name = 'Exception';
    throw error;
  },

  /** Sleeps 60 s and returns its input; stops early when the Task is cancelled (timeout, sibling failure). */
  'wait-60-seconds': async (event: unknown, context: HandlerContext) => {
    await sleep(60_000, undefined, { signal: context.signal });
    return event;
  },
};
