/**
 * How a Map Run child ended, whatever ran it (a child workflow or the Express activity).
 */
import {
  ApplicationFailure,
  CancelledFailure,
  ChildWorkflowFailure,
  TerminatedFailure,
  TimeoutFailure,
} from '@temporalio/workflow';
import type { Json } from '../../asl/json';

export type ChildOutcome =
  | { status: 'SUCCEEDED'; output: Json; startDate: number; stopDate: number }
  | {
      status: 'FAILED' | 'TIMED_OUT' | 'ABORTED';
      error?: string;
      cause?: string;
      startDate: number;
      stopDate: number;
      /** A Standard child past its history event limit: a redrive leaves it as it is (failuresNotRedrivable). */
      notRedrivable?: true;
    };

/** Reads the Step Functions status back out of a failed Standard child (workflows/execution.ts throws it). */
export function failedChildOutcome(error: unknown, startDate: number, stopDate: number): ChildOutcome {
  const cause = error instanceof ChildWorkflowFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) {
    const details = cause.details?.[0] as { status?: string; error?: string; redrivable?: boolean } | undefined;
    const status = details?.status === 'TIMED_OUT' || details?.status === 'ABORTED' ? details.status : 'FAILED';
    const errorName = details && 'error' in details ? details.error : (cause.type ?? undefined);
    return {
      status,
      error: errorName || undefined,
      cause: cause.message || undefined,
      startDate,
      stopDate,
      ...(details?.redrivable === false ? { notRedrivable: true as const } : {}),
    };
  }
  if (cause instanceof TimeoutFailure) return { status: 'TIMED_OUT', error: 'States.Timeout', startDate, stopDate };
  if (cause instanceof CancelledFailure || cause instanceof TerminatedFailure)
    return { status: 'ABORTED', startDate, stopDate };
  return {
    status: 'FAILED',
    error: 'States.Runtime',
    cause: String((cause as Error)?.message ?? cause),
    startDate,
    stopDate,
  };
}
