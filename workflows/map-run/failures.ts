/**
 * Reads a Step Functions error name and cause out of whatever failed inside a Map Run: an ApplicationFailure
 * thrown here, or one carried by an ActivityFailure or ChildWorkflowFailure.
 */
import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure } from '@temporalio/workflow';

export interface StepFunctionsFailure {
  error: string;
  cause?: string;
}

export function stepFunctionsFailure(error: unknown): StepFunctionsFailure | undefined {
  const inner = error instanceof ActivityFailure || error instanceof ChildWorkflowFailure ? error.cause : error;
  if (inner instanceof ApplicationFailure)
    return { error: inner.type ?? 'States.Runtime', cause: inner.message || undefined };
  if (error instanceof ActivityFailure || error instanceof ChildWorkflowFailure) {
    return { error: 'States.Runtime', cause: (inner as Error | undefined)?.message ?? error.message };
  }
  return undefined;
}
