/**
 * A TLS front for the test run's dev server, so connection settings can be tested over TLS and mTLS without a
 * cluster: certificates made with `openssl` (a CA, a server certificate for localhost and 127.0.0.1, a client
 * certificate), and a TLS listener that passes the decrypted stream on to the plaintext dev server. What clients
 * see is what a Temporal frontend with TLS shows them: a TLS handshake, the server's certificate, a client
 * certificate required (or not), then gRPC.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { splitAddress } from '../../client/tls-probe';

export interface TestCertificates {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

const EXTENSIONS = {
  ca: 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  server:
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n' +
    'extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n',
  client:
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
};

/** A CA and the certificates it signs, in `dir`. Each call makes a new CA: a second set's client is a stranger. */
export function makeCertificates(dir: string): TestCertificates {
  fs.mkdirSync(dir, { recursive: true });
  const f = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  for (const [name, text] of Object.entries(EXTENSIONS)) fs.writeFileSync(f(`${name}.ext`), text);
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca-key.pem'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=tsf test CA',
    '-extensions',
    'v3_ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
  );
  for (const leaf of ['server', 'client'] as const) {
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      f(`${leaf}-key.pem`),
      '-out',
      f(`${leaf}.csr`),
      '-subj',
      `/CN=${leaf === 'server' ? 'localhost' : 'tsf test client'}`,
    );
    openssl(
      'x509',
      '-req',
      '-in',
      f(`${leaf}.csr`),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca-key.pem'),
      '-CAcreateserial',
      '-out',
      f(`${leaf}.pem`),
      '-days',
      '2',
      '-extfile',
      f(`${leaf}.ext`),
    );
  }
  return {
    dir,
    caCert: f('ca.pem'),
    serverCert: f('server.pem'),
    serverKey: f('server-key.pem'),
    clientCert: f('client.pem'),
    clientKey: f('client-key.pem'),
  };
}

export interface TlsFront {
  address: string;
  close(): Promise<void>;
}

/** Listens with TLS on a free port of 127.0.0.1 and forwards to `upstream`; mTLS unless `clientCertificate` is false. */
export async function startTlsFront(
  upstream: string,
  certs: TestCertificates,
  options: { clientCertificate?: boolean } = {},
): Promise<TlsFront> {
  const target = splitAddress(upstream)!;
  const mtls = options.clientCertificate !== false;
  const sockets = new Set<net.Socket>();
  const server = tls.createServer(
    {
      key: fs.readFileSync(certs.serverKey),
      cert: fs.readFileSync(certs.serverCert),
      ca: fs.readFileSync(certs.caCert),
      requestCert: mtls,
      rejectUnauthorized: mtls,
      ALPNProtocols: ['h2'],
    },
    (client) => {
      const backend = net.connect(target.port, target.host);
      for (const s of [client, backend]) {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
      }
      client.pipe(backend).pipe(client);
      client.on('error', () => backend.destroy());
      backend.on('error', () => client.destroy());
    },
  );
  server.on('tlsClientError', () => undefined); // refused handshakes are what some tests are about
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
