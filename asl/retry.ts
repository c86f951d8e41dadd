/**
 * Retry and Catch matching and backoff ("Handling errors in Step Functions workflows", sfn-spec §5.1).
 * Pure: the jitter's randomness is passed in.
 */
import { StatesErrors } from './errors';
import type { Catcher, Retrier } from './types';

/** Errors the wildcards never match: States.Runtime is not retriable, States.DataLimitExceeded is terminal. */
const UNMATCHED_BY_WILDCARDS: ReadonlySet<string> = new Set([StatesErrors.Runtime, StatesErrors.DataLimitExceeded]);

const DEFAULT_INTERVAL_SECONDS = 1;
const DEFAULT_BACKOFF_RATE = 2.0;
const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * Whether an ErrorEquals list matches an error name: an exact name always matches; `States.ALL` matches any
 * error but States.Runtime and States.DataLimitExceeded; `States.TaskFailed` matches the same set minus
 * States.Timeout.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (errorEquals.includes(error)) return true;
  if (UNMATCHED_BY_WILDCARDS.has(error)) return false;
  if (errorEquals.includes(StatesErrors.ALL)) return true;
  return errorEquals.includes(StatesErrors.TaskFailed) && error !== StatesErrors.Timeout;
}

/** The first retrier whose ErrorEquals matches the error, with its position (retry counts are kept per retrier). */
export function findRetrier(
  retriers: readonly Retrier[] | undefined,
  error: string,
): { index: number; retrier: Retrier } | undefined {
  const index = (retriers ?? []).findIndex((r) => errorMatches(r.ErrorEquals, error));
  const retrier = retriers?.[index];
  return retrier === undefined ? undefined : { index, retrier };
}

/** How many retries the retrier allows (MaxAttempts, default 3; 0 means never retry). */
export function maxAttempts(retrier: Retrier): number {
  return retrier.MaxAttempts ?? DEFAULT_MAX_ATTEMPTS;
}

/**
 * Delay before the next retry, in milliseconds: IntervalSeconds × BackoffRate^attempt, capped at MaxDelaySeconds;
 * with JitterStrategy FULL, a uniformly random delay between 0 and that value. `attempt` is the number of
 * retries this retrier has already made (0 for the first retry).
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number): number {
  const interval = retrier.IntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  const rate = retrier.BackoffRate ?? DEFAULT_BACKOFF_RATE;
  let seconds = interval * Math.pow(rate, attempt);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  const ms = seconds * 1000;
  return Math.round(retrier.JitterStrategy === 'FULL' ? random() * ms : ms);
}

/** The first catcher whose ErrorEquals matches the error. */
export function findCatcher(catchers: readonly Catcher[] | undefined, error: string): Catcher | undefined {
  return catchers?.find((c) => errorMatches(c.ErrorEquals, error));
}
