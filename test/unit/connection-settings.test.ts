// The connection settings as the `temporal` CLI resolves them: a TOML profile file (TEMPORAL_CONFIG_FILE or the
// default path), the profile (TEMPORAL_PROFILE), the TEMPORAL_* variables over both; each setting's source.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../client/config';
import { ConnectionSettingsError } from '../../client/connection-errors';
import { describeConnectionSettings, resolveConnectionSettings } from '../../client/connection-settings';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-settings-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
};
const certFile = file('tls/client.pem', CERT);
const keyFile = file('tls/client-key.pem', KEY);
const caFile = file('tls/ca.pem', CERT);

const profiles = file(
  'profiles.toml',
  `# a temporal CLI profile file
[profile.default]
address = "cluster.example:7233"
namespace = "orders"

[profile.staging]
address = "staging.example:7233"
namespace = "orders-staging"
api_key = "secret-key"

[profile.mtls]
address = "127.0.0.1:7233"
namespace = "default"
[profile.mtls.tls]
client_cert_path = "${certFile}"
client_key_path = "${keyFile}"
server_ca_cert_path = "${caFile}"
server_name = "localhost"

[profile.broken]
address = "127.0.0.1:7233"
[profile.broken.tls]
client_cert_path = "${path.join(dir, 'tls/missing.pem')}"
client_key_path = "${keyFile}"

[profile.off]
address = "127.0.0.1:7233"
[profile.off.tls]
disabled = true
`,
);

/** An environment with nothing of the developer's: no HOME profile, only what the test names. */
const env = (vars: Record<string, string> = {}) => ({ HOME: path.join(dir, 'home'), ...vars });
const resolve = (vars: Record<string, string> = {}) => resolveConnectionSettings({ env: env(vars) });

function throwsNaming(fn: () => unknown, ...parts: string[]) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ConnectionSettingsError, String(error));
    for (const part of parts) assert.ok(error.message.includes(part), `'${part}' not in: ${error.message}`);
    return true;
  });
}

void describe('connection settings', () => {
  void test('no profile file and no variables: 127.0.0.1:7233, namespace default, plaintext', () => {
    const s = resolve();
    assert.equal(s.address, '127.0.0.1:7233');
    assert.equal(s.namespace, 'default');
    assert.equal(s.tls, false);
    assert.equal(s.apiKey, undefined);
    assert.equal(s.configFile, undefined);
    assert.deepEqual(s.sources, { address: 'default', namespace: 'default', tls: 'default (plaintext)' });
  });

  void test('TEMPORAL_CONFIG_FILE: the default profile of that file, and where each setting came from', () => {
    const s = resolve({ TEMPORAL_CONFIG_FILE: profiles });
    assert.equal(s.address, 'cluster.example:7233');
    assert.equal(s.namespace, 'orders');
    assert.equal(s.configFile, profiles);
    assert.equal(s.sources.address, `address of profile 'default' in ${profiles}`);
    assert.equal(s.sources.namespace, `namespace of profile 'default' in ${profiles}`);
  });

  void test('TEMPORAL_PROFILE selects another profile; an API key alone turns TLS on', () => {
    const s = resolve({ TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'staging' });
    assert.equal(s.address, 'staging.example:7233');
    assert.equal(s.namespace, 'orders-staging');
    assert.equal(s.apiKey, 'secret-key');
    assert.deepEqual(s.tls, {});
    assert.match(s.sources.tls, /on, because an API key is set \(api_key of profile 'staging'/);
    assert.equal(describeConnectionSettings(s).apiKey, 'set');
    assert.ok(!JSON.stringify(describeConnectionSettings(s)).includes('secret-key'), 'the key is never printed');
  });

  void test('the variables win over the profile', () => {
    const s = resolve({ TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_ADDRESS: '10.0.0.1:7233', TEMPORAL_NAMESPACE: 'x' });
    assert.equal(s.address, '10.0.0.1:7233');
    assert.equal(s.namespace, 'x');
    assert.equal(s.sources.address, 'TEMPORAL_ADDRESS');
    assert.equal(s.sources.namespace, 'TEMPORAL_NAMESPACE');
  });

  void test('the default file: $XDG_CONFIG_HOME/temporalio/temporal.toml, else ~/.config/temporalio/temporal.toml', () => {
    const home = path.join(dir, 'userhome');
    file('userhome/.config/temporalio/temporal.toml', '[profile.default]\naddress = "home.example:7233"\n');
    assert.equal(resolveConnectionSettings({ env: { HOME: home } }).address, 'home.example:7233');
    file('xdg/temporalio/temporal.toml', '[profile.default]\nnamespace = "xdg"\n');
    const xdg = resolveConnectionSettings({ env: { HOME: home, XDG_CONFIG_HOME: path.join(dir, 'xdg') } });
    assert.equal(xdg.namespace, 'xdg');
    assert.equal(xdg.address, '127.0.0.1:7233');
  });

  void test('mTLS from the profile: the files are read, the server name is kept', () => {
    const s = resolve({ TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'mtls' });
    assert.ok(s.tls);
    assert.equal(Buffer.from(s.tls.clientCertPair!.crt).toString(), CERT);
    assert.equal(Buffer.from(s.tls.clientCertPair!.key).toString(), KEY);
    assert.equal(Buffer.from(s.tls.serverRootCACertificate!).toString(), CERT);
    assert.equal(s.tls.serverNameOverride, 'localhost');
    assert.equal(s.sources.clientCert, `tls.client_cert_path of profile 'mtls' in ${profiles}`);
    assert.equal(describeConnectionSettings(s).tls, 'mTLS');
  });

  void test('mTLS from the variables alone', () => {
    const s = resolve({
      TEMPORAL_TLS_CLIENT_CERT_PATH: certFile,
      TEMPORAL_TLS_CLIENT_KEY_PATH: keyFile,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: caFile,
    });
    assert.ok(s.tls && s.tls.clientCertPair && s.tls.serverRootCACertificate);
    assert.equal(s.sources.clientKey, 'TEMPORAL_TLS_CLIENT_KEY_PATH');
  });

  void test('TLS off: tls.disabled in the profile, or TEMPORAL_TLS=false over a tls section', () => {
    assert.equal(resolve({ TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'off' }).tls, false);
    const off = resolve({ TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'mtls', TEMPORAL_TLS: 'false' });
    assert.equal(off.tls, false);
    assert.equal(off.sources.tls, 'off (TEMPORAL_TLS)');
    assert.deepEqual(resolve({ TEMPORAL_TLS: 'true' }).tls, {});
  });

  void test('a missing certificate file names the setting and the path', () => {
    const missing = path.join(dir, 'tls/missing.pem');
    throwsNaming(
      () => resolve({ TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'broken' }),
      `Cannot read the TLS client certificate ${missing}`,
      `tls.client_cert_path of profile 'broken' in ${profiles}`,
      'no such file',
    );
    throwsNaming(
      () => resolve({ TEMPORAL_TLS_CLIENT_CERT_PATH: missing, TEMPORAL_TLS_CLIENT_KEY_PATH: keyFile }),
      `Cannot read the TLS client certificate ${missing} (TEMPORAL_TLS_CLIENT_CERT_PATH): no such file`,
    );
  });

  void test('a certificate without its key, a key that is not PEM', () => {
    throwsNaming(
      () => resolve({ TEMPORAL_TLS_CLIENT_CERT_PATH: certFile }),
      'TLS client certificate is set (TEMPORAL_TLS_CLIENT_CERT_PATH) but no TLS client key',
      'TEMPORAL_TLS_CLIENT_KEY_PATH',
    );
    throwsNaming(
      () => resolve({ TEMPORAL_TLS_CLIENT_CERT_PATH: certFile, TEMPORAL_TLS_CLIENT_KEY_PATH: certFile }),
      `The TLS client key ${certFile} (TEMPORAL_TLS_CLIENT_KEY_PATH) is not PEM`,
    );
  });

  void test('a profile that is not there, a file that is not there or not TOML', () => {
    throwsNaming(
      () => resolve({ TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'prod' }),
      `TEMPORAL_PROFILE='prod', but ${profiles} has no [profile.prod]`,
      'default, staging, mtls, broken, off',
    );
    throwsNaming(() => resolve({ TEMPORAL_PROFILE: 'prod' }), "TEMPORAL_PROFILE='prod', but there is no profile file");
    const nowhere = path.join(dir, 'nowhere.toml');
    throwsNaming(
      () => resolve({ TEMPORAL_CONFIG_FILE: nowhere }),
      `Cannot read the Temporal profile file ${nowhere}, named by TEMPORAL_CONFIG_FILE: no such file`,
    );
    const bad = file('bad.toml', '[profile.default\naddress = ');
    throwsNaming(() => resolve({ TEMPORAL_CONFIG_FILE: bad }), `Invalid Temporal profile file ${bad}`);
    assert.equal(resolve({ TEMPORAL_CONFIG_FILE: file('empty.toml', '# nothing yet\n') }).address, '127.0.0.1:7233');
  });

  void test('loadConfig takes address and namespace from the profile and keeps the TSF_* settings', () => {
    const config = loadConfig(env({ TEMPORAL_CONFIG_FILE: profiles, TSF_TASK_QUEUE: 'q1' }));
    assert.equal(config.address, 'cluster.example:7233');
    assert.equal(config.namespace, 'orders');
    assert.equal(config.taskQueue, 'q1');
    assert.equal(config.connection?.sources.address, `address of profile 'default' in ${profiles}`);
    const overridden = loadConfig(env({ TEMPORAL_CONFIG_FILE: profiles }), { namespace: 'other' });
    assert.equal(overridden.namespace, 'other');
    assert.equal(overridden.connection?.namespace, 'other');
  });
});
