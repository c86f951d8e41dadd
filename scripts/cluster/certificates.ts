/**
 * The cluster's mTLS material, made with the `openssl` command (Debian's, installed when missing) rather than an
 * npm package: it is on nearly every machine, adds no dependency to the project, and is what a user would use to
 * inspect or replace these files. A CA, a server certificate (the frontend's, also the system worker's client
 * certificate) and a client certificate for users. Made once; reused while valid for another day.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Log } from '../dev-server/defaults';
import { findOnPath } from '../dev-server/find-executable';
import { aptInstall } from './apt';

// Asynchronous, never execFileSync: tsx SIGKILLs a child whose event loop does not take a relayed Ctrl-C at once.
const run = promisify(execFile);

/** What the frontend's certificate names, and what clients check (TLS server name). */
export const SERVER_NAME = 'localhost';
const DAYS = '3650';

export interface ClusterTls {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export function tlsFiles(tlsDir: string): ClusterTls {
  const file = (name: string) => path.join(tlsDir, name);
  return {
    caCert: file('ca.pem'),
    caKey: file('ca-key.pem'),
    serverCert: file('server.pem'),
    serverKey: file('server-key.pem'),
    clientCert: file('client.pem'),
    clientKey: file('client-key.pem'),
  };
}

async function ensureOpenssl(log: Log): Promise<string> {
  const found = findOnPath('openssl');
  if (found) return found;
  await aptInstall('openssl', 'npm run cluster makes its TLS certificates with openssl', 'and run it again.', log);
  return findOnPath('openssl') ?? '/usr/bin/openssl';
}

/** v3 extensions: rustls (the SDK's core) wants CA:TRUE on the CA, SANs and EKUs on the leaves. */
const EXTENSIONS = {
  ca: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash'],
  server: [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    // clientAuth too: the worker service presents this certificate to the frontend.
    'extendedKeyUsage=serverAuth,clientAuth',
    `subjectAltName=DNS:${SERVER_NAME},IP:127.0.0.1,IP:::1`,
    'authorityKeyIdentifier=keyid',
  ],
  client: [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=clientAuth',
    'authorityKeyIdentifier=keyid',
  ],
};

async function makeCertificates(openssl: string, files: ClusterTls, tlsDir: string): Promise<void> {
  const openssl_ = (...args: string[]) => run(openssl, args);
  const extFile = path.join(tlsDir, 'extensions.cnf');
  // [req]: with -config, openssl reads only this file; req wants a distinguished_name section (-subj fills it), and
  // x509_extensions names the CA's extensions for `req -x509`.
  const sections = Object.entries(EXTENSIONS).map(([name, lines]) => `[${name}]\n${lines.join('\n')}\n`);
  fs.writeFileSync(extFile, ['[req]\ndistinguished_name = dn\nx509_extensions = ca\n[dn]\n', ...sections].join('\n'));
  const key = (file: string) =>
    openssl_('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file);
  const days = ['-days', DAYS];

  await key(files.caKey);
  const caSubject = ['-subj', '/CN=temporal-step-functions cluster CA'];
  await openssl_(
    'req',
    '-x509',
    '-new',
    '-key',
    files.caKey,
    '-out',
    files.caCert,
    ...days,
    ...caSubject,
    '-config',
    extFile,
  );
  const leaf = async (name: 'server' | 'client', cert: string, keyFile: string, cn: string) => {
    await key(keyFile);
    const csr = path.join(tlsDir, `${name}.csr`);
    await openssl_('req', '-new', '-key', keyFile, '-out', csr, '-subj', `/CN=${cn}`);
    const ca = ['-CA', files.caCert, '-CAkey', files.caKey, '-CAcreateserial'];
    await openssl_('x509', '-req', '-in', csr, ...ca, '-out', cert, ...days, '-extfile', extFile, '-extensions', name);
    fs.rmSync(csr);
  };
  await leaf('server', files.serverCert, files.serverKey, SERVER_NAME);
  await leaf('client', files.clientCert, files.clientKey, 'temporal-step-functions client');
  for (const file of [files.caKey, files.serverKey, files.clientKey]) fs.chmodSync(file, 0o600);
}

async function stillValid(openssl: string, files: ClusterTls): Promise<boolean> {
  const certs = [files.caCert, files.serverCert, files.clientCert];
  if (![...certs, files.caKey, files.serverKey, files.clientKey].every((f) => fs.existsSync(f))) return false;
  try {
    for (const cert of certs) await run(openssl, ['x509', '-checkend', '86400', '-noout', '-in', cert]);
    return true;
  } catch {
    return false;
  }
}

/** The certificates in `tlsDir`: the existing ones if all are there and valid for a day, else a new set. */
export async function ensureCertificates(tlsDir: string, log: Log): Promise<ClusterTls> {
  const files = tlsFiles(tlsDir);
  const openssl = await ensureOpenssl(log);
  if (await stillValid(openssl, files)) return files;
  fs.mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
  await makeCertificates(openssl, files, tlsDir);
  log(`Made a CA, a server certificate (${SERVER_NAME}, 127.0.0.1) and a client certificate in ${tlsDir}`);
  return files;
}
