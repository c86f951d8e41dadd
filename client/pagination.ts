/**
 * Opaque page tokens: an offset plus a fingerprint of the request they belong to, so a token replayed against
 * another request is refused with InvalidToken instead of returning the wrong page.
 */
import { InvalidToken } from './errors';

export function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
}

export function decodeToken(token: string | undefined, scope: string): number {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.s === scope)
      return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw new InvalidToken(`Invalid Token: '${token}'`);
}

/** Step Functions treats maxResults 0 (or absent) as its default page size of 100. */
export function pageSize(maxResults: number | undefined): number {
  return maxResults === undefined || maxResults === 0 ? 100 : maxResults;
}
