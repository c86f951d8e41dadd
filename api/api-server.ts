/**
 * The API server: Step Functions' JSON 1.0 protocol and IAM's Query protocol on one port, over the SDK. A request
 * with `X-Amz-Target` is Step Functions'; a form-encoded one (or one signed for the `iam` service) is IAM's.
 * `startApiServer` refuses to bind anything but loopback without credentials.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { StepFunctions } from '../client/step-functions';
import { isLoopbackHost } from '../console/server/access';
import { BodyTooLarge, readBody } from './body';
import { CREDENTIALS_FILE_VARIABLE, type ApiCredentials } from './credentials';
import { refusalOf, type Protocol, type Refusal } from './guards';
import { handleIamRequest } from './iam-protocol';
import { iamErrorReply } from './iam-xml';
import type { Reply } from './reply';
import { handleSfnRequest, sfnErrorReply } from './sfn-protocol';
import { sfnWireError } from './sfn-errors';
import { parseAuthorization } from './sigv4';

export interface ApiServerOptions {
  sfn: StepFunctions;
  host: string;
  port: number;
  /** Access key ids and their secrets: every request must then be signed with one (SigV4). */
  credentials?: ApiCredentials;
}

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

function protocolOf(request: http.IncomingMessage): Protocol {
  if (request.headers['x-amz-target'] !== undefined) return 'sfn';
  if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return 'iam';
  const auth = parseAuthorization(request.headers.authorization);
  return auth?.service === 'iam' ? 'iam' : 'sfn';
}

function refusalReply(protocol: Protocol, refusal: Refusal, requestId: string): Reply {
  return protocol === 'iam'
    ? iamErrorReply(refusal.iamCode, refusal.message, requestId, refusal.status)
    : sfnErrorReply(sfnWireError(refusal.sfnName, refusal.message, refusal.status));
}

async function answer(
  options: ApiServerOptions,
  request: http.IncomingMessage,
  requestId: string,
  protocol: Protocol,
): Promise<Reply> {
  if (request.method !== 'POST' || new URL(request.url ?? '/', 'http://localhost').pathname !== '/') {
    const message = `Only POST / is served (the Step Functions and IAM APIs), not ${request.method} ${request.url}`;
    return refusalReply(
      protocol,
      { status: 404, sfnName: 'UnknownOperationException', iamCode: 'NotFound', message },
      requestId,
    );
  }
  let body: Buffer;
  try {
    body = await readBody(request);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    const refusal = { status: 413, sfnName: 'RequestEntityTooLargeException', iamCode: 'RequestEntityTooLarge' };
    return refusalReply(protocol, { ...refusal, message: error.message }, requestId);
  }
  const signed = { method: 'POST', url: request.url ?? '/', headers: request.headers, body };
  const refusal = await refusalOf(signed, options.credentials);
  if (refusal) return refusalReply(protocol, refusal, requestId);
  const text = body.toString('utf8');
  return protocol === 'iam'
    ? handleIamRequest(options.sfn, text, requestId)
    : handleSfnRequest(options.sfn, request.headers['x-amz-target'] as string | undefined, text);
}

function send(response: http.ServerResponse, reply: Reply, requestId: string): void {
  const headers = { ...reply.headers, 'x-amzn-requestid': requestId };
  // A refused body was not read: close the connection rather than read it to reuse the socket.
  if (reply.status === 413) response.shouldKeepAlive = false;
  response.writeHead(reply.status, { ...headers, 'content-length': Buffer.byteLength(reply.body) });
  response.end(reply.body);
}

export function createApiServer(options: ApiServerOptions): http.Server {
  return http.createServer((request, response) => {
    const requestId = randomUUID();
    const protocol = protocolOf(request);
    answer(options, request, requestId, protocol).then(
      (reply) => send(response, reply, requestId),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const refusal = { status: 500, sfnName: 'InternalFailure', iamCode: 'ServiceFailure', message };
        send(response, refusalReply(protocol, refusal, requestId), requestId);
      },
    );
  });
}

/** Without credentials the API may listen on loopback only: anyone who can reach it could call it. */
export function assertBindable(host: string, credentials: ApiCredentials | undefined): void {
  if (!isLoopbackHost(host) && credentials === undefined) {
    throw new Error(
      `Binding ${host} (not loopback) needs credentials: set ${CREDENTIALS_FILE_VARIABLE} to an AWS-style ` +
        'credentials file, whose keys every request must then be signed with',
    );
  }
}

export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  assertBindable(options.host, options.credentials);
  const server = createApiServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
