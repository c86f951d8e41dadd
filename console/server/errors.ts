/**
 * SDK errors as HTTP answers: the body is always `{ name, message }`, the Step Functions error name and its
 * message, so the page can show exactly what the SDK said.
 */
import { StepFunctionsError } from '../../client';

const NOT_FOUND = new Set(['ExecutionDoesNotExist', 'StateMachineDoesNotExist', 'ResourceNotFound']);

export function errorResponse(error: unknown): Response {
  const err = error instanceof Error ? error : new Error(String(error));
  const status = NOT_FOUND.has(err.name) ? 404 : err instanceof StepFunctionsError ? 400 : 500;
  return Response.json({ name: err.name, message: err.message }, { status });
}
