/**
 * IAM's Query protocol answers in XML: `<OpResponse xmlns=...><OpResult>...</OpResult><ResponseMetadata>` for a
 * success, `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>` for a failure. fast-xml-parser
 * builds it (and escapes the text).
 */
import { XMLBuilder } from 'fast-xml-parser';
import { XML_CONTENT_TYPE, type Reply } from './reply';

const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

export function iamResultReply(action: string, requestId: string, result?: Record<string, unknown>): Reply {
  const response = {
    '@_xmlns': IAM_NAMESPACE,
    ...(result === undefined ? {} : { [`${action}Result`]: result }),
    ResponseMetadata: { RequestId: requestId },
  };
  return {
    status: 200,
    headers: { 'content-type': XML_CONTENT_TYPE },
    body: builder.build({ [`${action}Response`]: response }) as string,
  };
}

/** IAM's statuses for the errors the role actions can give; a 5xx is the Receiver's fault, a 4xx the Sender's. */
const IAM_STATUS: Record<string, number> = {
  NoSuchEntity: 404,
  EntityAlreadyExists: 409,
  LimitExceeded: 409,
  ServiceFailure: 500,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  MissingAuthenticationToken: 403,
  RequestEntityTooLarge: 413,
};

export function iamErrorReply(code: string, message: string, requestId: string, status?: number): Reply {
  status ??= IAM_STATUS[code] ?? 400;
  const error = { Type: status >= 500 ? 'Receiver' : 'Sender', Code: code, Message: message };
  return {
    status,
    headers: { 'content-type': XML_CONTENT_TYPE },
    body: builder.build({
      ErrorResponse: { '@_xmlns': IAM_NAMESPACE, Error: error, RequestId: requestId },
    }) as string,
  };
}
