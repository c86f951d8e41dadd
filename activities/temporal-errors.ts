import { WorkflowNotFoundError } from '@temporalio/client';
import { ServiceError } from '@temporalio/client';

/** True when Temporal says the workflow behind a resource does not exist (never started, or purged by retention). */
export function isNotFound(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError) return true;
  if (error instanceof ServiceError && /not found/i.test(error.message)) return true;
  const code = (error as { code?: unknown })?.code;
  return code === 5; // gRPC NOT_FOUND
}
