import type { Readable } from 'node:stream';

/** Reads a whole stream into memory: only for small objects (manifests, markers, one page), never item files. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
