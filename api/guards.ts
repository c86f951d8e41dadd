/**
 * Who may call the API, before any action runs. With credentials every request must carry a valid SigV4 signature
 * (sigv4.ts). Without them the API is a local one: it is bound to loopback only, answers only loopback Host names
 * (a web page that rebinds its DNS name to 127.0.0.1 is refused) and no request that a browser sent (it carries an
 * Origin header), so a page cannot post a form to it. The problem is named in each protocol's own words.
 */
import { isLoopbackHost } from '../console/server/access';
import { CREDENTIALS_FILE_VARIABLE, type ApiCredentials } from './credentials';
import { verifySignature, type SignatureProblem, type SignedRequest } from './sigv4';

export type Protocol = 'sfn' | 'iam';
export type Refusal = { status: number; sfnName: string; iamCode: string; message: string };

const SIGNATURE_ERRORS: Record<SignatureProblem['kind'], { sfnName: string; iamCode: string }> = {
  missing: { sfnName: 'MissingAuthenticationTokenException', iamCode: 'MissingAuthenticationToken' },
  'unknown-key': { sfnName: 'UnrecognizedClientException', iamCode: 'InvalidClientTokenId' },
  mismatch: { sfnName: 'InvalidSignatureException', iamCode: 'SignatureDoesNotMatch' },
  expired: { sfnName: 'InvalidSignatureException', iamCode: 'SignatureDoesNotMatch' },
};

function hostnameOf(hostHeader: string | undefined): string {
  if (hostHeader === undefined) return '';
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return hostHeader;
  }
}

function localRequestRefusal(request: SignedRequest): Refusal | undefined {
  const host = hostnameOf(request.headers.host as string | undefined);
  if (!isLoopbackHost(host)) {
    const message = `Host '${host}' is not served: without ${CREDENTIALS_FILE_VARIABLE} the API is local only`;
    return { status: 403, sfnName: 'AccessDeniedException', iamCode: 'AccessDenied', message };
  }
  if (request.headers.origin !== undefined) {
    const message = `A request from a web page (Origin: ${String(request.headers.origin)}) is refused`;
    return { status: 403, sfnName: 'AccessDeniedException', iamCode: 'AccessDenied', message };
  }
  return undefined;
}

/** Undefined when the request may go on, else why not. */
export async function refusalOf(
  request: SignedRequest,
  credentials: ApiCredentials | undefined,
): Promise<Refusal | undefined> {
  if (credentials === undefined) return localRequestRefusal(request);
  const problem = await verifySignature(request, credentials);
  if (!problem) return undefined;
  return { status: 403, ...SIGNATURE_ERRORS[problem.kind], message: problem.message };
}
