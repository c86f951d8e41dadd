/**
 * SigV4 verification, as AWS does it: the signature is computed again, by the AWS SDK's own signer
 * (`@smithy/signature-v4`), over the request as received, with the secret held for the access key id named in its
 * `Credential=` scope, and must equal the one sent. The request's date may be at most 15 minutes off.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ApiCredentials } from './credentials';

export type SignedRequest = {
  method: string;
  /** The path and query as received (`/?a=b`). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
};

export type SignatureProblem = {
  kind: 'missing' | 'unknown-key' | 'mismatch' | 'expired';
  message: string;
};

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60 * 1000;
const CONTENT_SHA256 = 'x-amz-content-sha256';

export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access ' +
  'Key and signing method. Consult the service documentation for details.';

/** The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header, or undefined when it is not one. */
export function parseAuthorization(header: string | undefined) {
  const match = header === undefined ? null : AUTHORIZATION.exec(header.trim());
  if (!match) return undefined;
  const [, accessKeyId, , region, service, signedHeaders, signature] = match as unknown as string[];
  return { accessKeyId: accessKeyId!, region: region!, service: service!, signedHeaders: signedHeaders!, signature };
}

/** `20260103T061500Z` as AWS writes dates in SigV4. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(text: string | undefined): Date | undefined {
  const match = text === undefined ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function dateProblem(sent: Date, now: Date): SignatureProblem | undefined {
  if (sent.getTime() < now.getTime() - MAX_SKEW_MS) {
    const earliest = amzDate(new Date(now.getTime() - MAX_SKEW_MS));
    return {
      kind: 'expired',
      message: `Signature expired: ${amzDate(sent)} is now earlier than ${earliest} (${amzDate(now)} - 15 min.)`,
    };
  }
  if (sent.getTime() > now.getTime() + MAX_SKEW_MS) {
    const latest = amzDate(new Date(now.getTime() + MAX_SKEW_MS));
    return {
      kind: 'expired',
      message: `Signature not yet current: ${amzDate(sent)} is still later than ${latest} (${amzDate(now)} + 15 min.)`,
    };
  }
  return undefined;
}

/** Undefined when the request is signed by a key of `credentials`, else what is wrong with its signature. */
export async function verifySignature(
  request: SignedRequest,
  credentials: ApiCredentials,
  now = new Date(),
): Promise<SignatureProblem | undefined> {
  const auth = parseAuthorization(header(request, 'authorization'));
  if (!auth) return { kind: 'missing', message: 'Missing Authentication Token: the request must be signed with SigV4' };
  const secret = credentials.get(auth.accessKeyId);
  if (secret === undefined) {
    return { kind: 'unknown-key', message: 'The security token included in the request is invalid.' };
  }
  const sent = parseAmzDate(header(request, 'x-amz-date'));
  if (!sent) return { kind: 'mismatch', message: `${SIGNATURE_MISMATCH} (No valid X-Amz-Date header was signed.)` };
  const late = dateProblem(sent, now);
  if (late) return late;

  const url = new URL(request.url, 'http://localhost');
  const signed = auth.signedHeaders.split(';');
  const headers = Object.fromEntries(signed.map((name) => [name, header(request, name) ?? '']));
  // The signer trusts a signed x-amz-content-sha256 for the body's hash: put the hash of the body received in its
  // place, so that a body changed on the way (or an UNSIGNED-PAYLOAD) fails the comparison.
  if (Object.hasOwn(headers, CONTENT_SHA256))
    headers[CONTENT_SHA256] = createHash('sha256').update(request.body).digest('hex');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: secret },
    region: auth.region,
    service: auth.service,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate: sent, signableHeaders: new Set(signed), signingRegion: auth.region, signingService: auth.service },
  );
  const expected = parseAuthorization(resigned.headers.authorization)?.signature ?? '';
  const same =
    expected.length === auth.signature!.length && timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature!));
  return same ? undefined : { kind: 'mismatch', message: SIGNATURE_MISMATCH };
}
