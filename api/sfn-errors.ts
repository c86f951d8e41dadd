/**
 * Errors as the Step Functions JSON protocol carries them: `{"__type": name, "message": ...}`, the name again in
 * `X-Amzn-ErrorType`, and the status the service model gives the error (clients find their exception class by the
 * name, so an SDK error arrives in `@aws-sdk/client-sfn` as that SDK's class of the same name).
 */
import { StepFunctionsError, ValidationException } from '../client/errors';

const MODELLED_STATUS: Record<string, number> = {
  ConflictException: 409,
  ResourceNotFound: 404,
  ServiceQuotaExceededException: 402,
};

export type WireError = { status: number; name: string; body: Record<string, unknown> };

export function sfnWireError(name: string, message: string, status?: number): WireError {
  return { status: status ?? MODELLED_STATUS[name] ?? 400, name, body: { __type: name, message } };
}

/** An error the SDK threw: its Step Functions name, or InternalFailure (500) for anything else. */
export function sfnErrorOf(error: unknown): WireError {
  if (error instanceof ValidationException) {
    const wire = sfnWireError(error.name, error.message);
    if (error.reason !== undefined) wire.body.reason = error.reason;
    return wire;
  }
  if (error instanceof StepFunctionsError) return sfnWireError(error.name, error.message);
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return sfnWireError('InternalFailure', message, 500);
}
