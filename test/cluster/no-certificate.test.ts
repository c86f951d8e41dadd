// The cluster requires mTLS: a client that brings no certificate is refused with an error that names TLS, not
// gRPC's "Failed to connect before the deadline". `tsf list-state-machines` as a user would run it, with a profile
// file that names only the cluster's address, then one with the CA but still no client certificate.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { testSettings } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { runTsf } from '../helpers/processes';

const { address, configFile } = testSettings();
const dir = tempDir('no-certificate');

function profile(name: string, toml: string): string {
  const file = path.join(dir, `${name}.toml`);
  fs.writeFileSync(file, toml);
  return file;
}

/** `tsf list-state-machines` with this profile file alone (no TEMPORAL_ADDRESS beside it). */
const listWith = (file: string) =>
  runTsf(['list-state-machines'], { TEMPORAL_CONFIG_FILE: file, TEMPORAL_ADDRESS: '' });

test('a profile with only the address: exit 1, the error says the server requires TLS', async () => {
  const file = profile('address-only', `[profile.default]\naddress = "${address}"\n`);
  const result = await listWith(file);
  assert.equal(result.code, 1, result.stdout);
  assert.equal(result.stdout, '');
  assert.match(
    result.stderr,
    new RegExp(
      `^TemporalConnectionError: The server at ${address.replace(/\./g, '\\.')} \\(address of profile 'default' ` +
        'in .*\\) refused the connection: it requires TLS and this client spoke plaintext',
    ),
  );
});

test('TLS with the CA but no client certificate: exit 1, the error says mTLS needs one', async () => {
  const cluster = fs.readFileSync(configFile!, 'utf8');
  const ca = /server_ca_cert_path = "(.*)"/.exec(cluster)?.[1];
  const serverName = /server_name = "(.*)"/.exec(cluster)?.[1];
  assert.ok(ca && serverName, `the cluster's profile names its CA and server name:\n${cluster}`);
  const file = profile(
    'ca-only',
    `[profile.default]\naddress = "${address}"\n[profile.default.tls]\nserver_ca_cert_path = "${ca}"\nserver_name = "${serverName}"\n`,
  );
  const result = await listWith(file);
  assert.equal(result.code, 1, result.stdout);
  assert.match(result.stderr, /refused the connection: it requires a client certificate \(mTLS\) and none is set/);
});
