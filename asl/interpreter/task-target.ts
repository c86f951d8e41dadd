/**
 * What a Task's `Resource` calls. Handlers are Lambda-like functions exported by the worker's handler modules;
 * a Lambda function ARN calls one directly (LambdaFunction* events, raw result), `lambda:invoke` calls one through
 * the service integration (Task* events, result wrapped as Lambda's Invoke response).
 */
import { StatesError, StatesErrors } from '../errors';
import { isJsonObject, type Json } from '../json';

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const FUNCTION_ARN = /^arn:aws:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,140})(?::[A-Za-z0-9$_-]+)?$/;

export type TaskTarget =
  | { family: 'lambdaFunction'; resource: string; functionName: string; payload: Json }
  | { family: 'service'; resourceType: string; resource: string; functionName: string; payload: Json };

export function resolveTaskTarget(resource: string, parameters: Json): TaskTarget {
  const direct = FUNCTION_ARN.exec(resource);
  if (direct) return { family: 'lambdaFunction', resource, functionName: direct[3] ?? '', payload: parameters };
  if (resource === LAMBDA_INVOKE || resource === `${LAMBDA_INVOKE}.sync`) {
    if (!isJsonObject(parameters) || typeof parameters.FunctionName !== 'string') {
      throw new StatesError(
        StatesErrors.Runtime,
        `The field 'FunctionName' is required by ${resource} and must be a string.`,
      );
    }
    const name = functionNameOf(parameters.FunctionName);
    const payload = parameters.Payload === undefined ? {} : parameters.Payload;
    return { family: 'service', resourceType: 'lambda', resource: 'invoke', functionName: name, payload };
  }
  throw new StatesError(
    StatesErrors.Runtime,
    `The resource '${resource}' is not supported: use a Lambda function ARN or ${LAMBDA_INVOKE} naming a handler.`,
  );
}

/** FunctionName may be a name, a full ARN or a partial ARN (`123456789012:function:name`), with or without a qualifier. */
function functionNameOf(value: string): string {
  const full = FUNCTION_ARN.exec(value);
  if (full) return full[3] ?? value;
  const partial = /(?:^|:)function:([A-Za-z0-9_-]+)/.exec(value);
  if (partial) return partial[1] ?? value;
  return value.split(':')[0] ?? value;
}

/** Lambda's Invoke response, as `arn:aws:states:::lambda:invoke` returns it. */
export function invokeResponse(result: Json, requestId: string): Json {
  return {
    ExecutedVersion: '$LATEST',
    Payload: result,
    SdkHttpMetadata: {
      AllHttpHeaders: { 'Content-Type': ['application/json'], 'X-Amz-Executed-Version': ['$LATEST'] },
      HttpHeaders: { 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST' },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
