/**
 * Reads a request body, refusing one over the limit before anything parses it: by its Content-Length when it
 * declares one, else as soon as the bytes received pass the limit.
 */
import type { IncomingMessage } from 'node:http';

/** Step Functions' "maximum request size" quota: 1 MB per API request; IAM's requests are far smaller. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than the ${limit} bytes allowed`);
    this.name = 'BodyTooLarge';
  }
}

export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge(limit));
        request.pause();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
