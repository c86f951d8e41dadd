/**
 * The Step Functions JSON 1.0 protocol: `POST /` with `X-Amz-Target: AWSStepFunctions.<Action>` and the request
 * object as the body. The action's request is checked against the model (validation.ts), then handed to the SDK;
 * its answer goes back with epoch-second timestamps, its errors under their Step Functions names.
 */
import type { StepFunctions } from '../client/step-functions';
import { SFN_CONTENT_TYPE, type Reply } from './reply';
import { isSfnAction, sfnActions } from './sfn-actions';
import { sfnErrorOf, sfnWireError, type WireError } from './sfn-errors';
import { sfnShapes, type SfnAction, type SfnRequest } from './sfn-shapes';
import { checkRequest } from './validation';
import { toWireJson } from './wire-json';

export const SFN_TARGET_PREFIX = 'AWSStepFunctions.';

export function sfnErrorReply(error: WireError): Reply {
  return {
    status: error.status,
    headers: { 'content-type': SFN_CONTENT_TYPE, 'x-amzn-errortype': error.name },
    body: JSON.stringify(error.body),
  };
}

function parseBody(body: string): { ok: true; value: unknown } | { ok: false } {
  if (body.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

async function run<A extends SfnAction>(sfn: StepFunctions, action: A, input: unknown): Promise<Reply> {
  const checked = checkRequest(sfnShapes[action], input, 'ValidationException');
  if (!checked.ok) return sfnErrorReply(sfnWireError(checked.failure.name, checked.failure.message));
  try {
    const output = await sfnActions[action](sfn, checked.value as SfnRequest<A>);
    return { status: 200, headers: { 'content-type': SFN_CONTENT_TYPE }, body: JSON.stringify(toWireJson(output)) };
  } catch (error) {
    return sfnErrorReply(sfnErrorOf(error));
  }
}

/** Answers one request; `target` is the X-Amz-Target header (undefined when absent). */
export async function handleSfnRequest(sfn: StepFunctions, target: string | undefined, body: string): Promise<Reply> {
  const action = target?.startsWith(SFN_TARGET_PREFIX) ? target.slice(SFN_TARGET_PREFIX.length) : undefined;
  if (action === undefined || !isSfnAction(action)) {
    const named = target === undefined ? 'No X-Amz-Target header was given' : `Operation ${target} is not supported`;
    return sfnErrorReply(sfnWireError('UnknownOperationException', `${named}.`));
  }
  const parsed = parseBody(body);
  if (!parsed.ok) {
    return sfnErrorReply(sfnWireError('SerializationException', 'The request body is not valid JSON'));
  }
  return run(sfn, action, parsed.value);
}
