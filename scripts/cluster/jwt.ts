/**
 * API keys for `npm run cluster -- --auth jwt`: JWTs the server's default claim mapper accepts (RS256, a `kid`
 * it finds in the JWKS, a `sub`, and `permissions` such as `default:write` or `temporal-system:admin`), signed
 * with a key the project makes once per data folder. Node's crypto does it all: no JWT library needed.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, randomUUID, sign, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

export interface MintOptions {
  /** `<namespace>:<read|write|worker|admin>`, the claim mapper's words; `temporal-system:admin`: a cluster admin. */
  permissions: string[];
  subject?: string;
  /** Default 30 days. */
  ttlSeconds?: number;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** `<jwtDir>/signing-key.pem` (0600) and its key id, made on the first `--auth jwt` start and reused after. */
export async function ensureSigningKey(jwtDir: string): Promise<SigningKey> {
  const keyFile = path.join(jwtDir, 'signing-key.pem');
  const kidFile = path.join(jwtDir, 'kid');
  if (!fs.existsSync(keyFile) || !fs.existsSync(kidFile)) {
    fs.mkdirSync(jwtDir, { recursive: true, mode: 0o700 });
    const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    fs.writeFileSync(kidFile, `tsf-${randomUUID()}\n`);
  }
  return {
    kid: fs.readFileSync(kidFile, 'utf8').trim(),
    privateKey: createPrivateKey(fs.readFileSync(keyFile)),
  };
}

/** The JWKS document the server fetches (jwtKeyProvider.keySourceURIs): the public half of the signing key. */
export function jwks(key: SigningKey): { keys: object[] } {
  const jwk = createPublicKey(key.privateKey).export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: key.kid, alg: 'RS256', use: 'sig' }] };
}

/** A signed API key (send it as `Authorization: Bearer <key>`, e.g. through TEMPORAL_API_KEY). */
export function mintApiKey(key: SigningKey, options: MintOptions): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid }));
  const claims = {
    sub: options.subject ?? 'temporal-step-functions',
    permissions: options.permissions,
    iat: now,
    exp: now + (options.ttlSeconds ?? 30 * 24 * 3600),
  };
  const payload = base64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key.privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}
