// Connection settings as a user gives them, through real `tsf` processes (bin/tsf.cjs): a temporal CLI profile file
// (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE), TLS and mTLS (a TLS front for the dev server, test/helpers/tls-server.ts),
// and the errors that name the setting to fix: a missing certificate file, plaintext to a TLS server, no or a
// stranger's client certificate, an unknown namespace, a namespace without the engine's search attributes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { msNumberToTs } from '@temporalio/common/lib/time';
import { connectTemporal } from '../../client/connect';
import { TSF_SEARCH_ATTRIBUTES } from '../../messages/search-attributes';
import { testAddress, testSettings, uniqueName } from '../helpers/engine';
import { runTsf } from '../helpers/processes';
import { makeCertificates, startTlsFront, type TestCertificates, type TlsFront } from '../helpers/tls-server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-connection-'));
let certs: TestCertificates;
let stranger: TestCertificates;
let front: TlsFront;

before(async () => {
  certs = makeCertificates(path.join(dir, 'tls'));
  stranger = makeCertificates(path.join(dir, 'stranger'));
  front = await startTlsFront(testAddress(), certs);
});
after(async () => {
  await front?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let files = 0;
function profileFile(toml: string): string {
  const file = path.join(dir, `temporal-${++files}.toml`);
  fs.writeFileSync(file, toml);
  return file;
}

/** `tsf` with only the given settings: no TEMPORAL_ADDRESS of the test run, no profile unless one is named. */
function tsf(args: string[], env: Record<string, string>) {
  return runTsf(args, { TEMPORAL_ADDRESS: '', TEMPORAL_CONFIG_FILE: '', HOME: dir, ...env });
}

/** `tsf worker` must fail before it is ready; give up (kill) if it is ready instead. */
async function workerError(env: Record<string, string>): Promise<string> {
  const result = await tsf(['worker', '--task-queue', uniqueName('conn')], env);
  assert.equal(result.code, 1, result.stdout + result.stderr);
  return result.stderr;
}

const mtlsProfile = (address: string, extra = '') => `[profile.default]
address = "${address}"
namespace = "default"
[profile.default.tls]
server_ca_cert_path = "${certs.caCert}"
server_name = "localhost"
${extra}`;

void describe('connection settings', { timeout: 180_000 }, () => {
  void test('a profile file names the server and the namespace; TEMPORAL_PROFILE picks another profile', async () => {
    const namespace = uniqueName('tsf-profile');
    const file = profileFile(`[profile.default]
address = "127.0.0.1:1"
namespace = "nowhere"

[profile.tsf-test]
address = "${testAddress()}"
namespace = "${namespace}"
`);
    const setup = await tsf(['setup'], { TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'tsf-test' });
    assert.equal(setup.code, 0, setup.stderr);
    const report = JSON.parse(setup.stdout);
    assert.equal(report.namespace, namespace);
    assert.equal(report.connection.sources.address, `address of profile 'tsf-test' in ${file}`);
    assert.equal(report.connection.sources.namespace, `namespace of profile 'tsf-test' in ${file}`);

    const listed = await tsf(['list-state-machines'], { TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'tsf-test' });
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout).stateMachines, []);

    const viaDefault = await tsf(['list-state-machines'], { TEMPORAL_CONFIG_FILE: file });
    assert.equal(viaDefault.code, 1);
    assert.match(
      viaDefault.stderr,
      new RegExp(
        `^TemporalConnectionError: Nothing answers at 127\\.0\\.0\\.1:1 \\(address of profile 'default' in ${file}\\)`,
      ),
    );
  });

  void test('mTLS from the profile works; a missing certificate file is named with its setting', async () => {
    const keys = `client_cert_path = "${certs.clientCert}"\nclient_key_path = "${certs.clientKey}"\n`;
    const good = profileFile(mtlsProfile(front.address, keys));
    const listed = await tsf(['list-state-machines'], { TEMPORAL_CONFIG_FILE: good });
    assert.equal(listed.code, 0, listed.stderr);

    const missing = path.join(dir, 'tls', 'nope.pem');
    const broken = profileFile(mtlsProfile(front.address, keys.replace(certs.clientCert, missing)));
    const failed = await tsf(['list-state-machines'], { TEMPORAL_CONFIG_FILE: broken });
    assert.equal(failed.code, 1);
    assert.equal(
      failed.stderr.trim(),
      `ConnectionSettingsError: Cannot read the TLS client certificate ${missing} ` +
        `(tls.client_cert_path of profile 'default' in ${broken}): no such file`,
    );
    const viaVariable = await tsf(['list-state-machines'], {
      TEMPORAL_CONFIG_FILE: good,
      TEMPORAL_TLS_CLIENT_CERT_PATH: missing,
    });
    assert.match(
      viaVariable.stderr,
      /Cannot read the TLS client certificate .* \(TEMPORAL_TLS_CLIENT_CERT_PATH\): no such file/,
    );
  });

  void test('plaintext to a TLS server, no client certificate, a stranger certificate: each said as such', async () => {
    const plain = profileFile(`[profile.default]\naddress = "${front.address}"\n`);
    const plaintext = await tsf(['list-state-machines'], { TEMPORAL_CONFIG_FILE: plain });
    assert.equal(plaintext.code, 1);
    assert.match(plaintext.stderr, /^TemporalConnectionError: The server at 127\.0\.0\.1:\d+ \(address of profile/);
    assert.match(plaintext.stderr, /refused the connection: it requires TLS and this client spoke plaintext/);
    assert.match(await workerError({ TEMPORAL_CONFIG_FILE: plain }), /it requires TLS and this client spoke plaintext/);

    const noCert = await tsf(['list-state-machines'], {
      TEMPORAL_CONFIG_FILE: profileFile(mtlsProfile(front.address)),
    });
    assert.match(noCert.stderr, /refused the connection: it requires a client certificate \(mTLS\) and none is set/);

    const strangerKeys = `client_cert_path = "${stranger.clientCert}"\nclient_key_path = "${stranger.clientKey}"\n`;
    const rejected = await tsf(['list-state-machines'], {
      TEMPORAL_CONFIG_FILE: profileFile(mtlsProfile(front.address, strangerKeys)),
    });
    assert.match(rejected.stderr, /rejected the TLS client certificate \(tls\.client_cert_path of profile 'default'/);
  });

  void test('an unknown namespace is named, with `tsf setup`', async () => {
    const namespace = uniqueName('tsf-missing');
    const env = { TEMPORAL_ADDRESS: testAddress(), TEMPORAL_NAMESPACE: namespace };
    const expected =
      `NamespaceNotFound: Namespace '${namespace}' does not exist on the Temporal server at ${testAddress()} ` +
      '(namespace from TEMPORAL_NAMESPACE): `tsf setup` creates it';
    const listed = await tsf(['list-state-machines'], env);
    assert.equal(listed.code, 1);
    assert.ok(listed.stderr.startsWith(expected), listed.stderr);
    assert.ok((await workerError(env)).includes(expected));
  });

  void test("a namespace without the engine's search attributes: which, and `tsf setup`", async () => {
    const namespace = uniqueName('tsf-bare');
    const connection = await connectTemporal(testSettings());
    try {
      const retention = msNumberToTs(14 * 24 * 3600 * 1000);
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: retention });
    } finally {
      await connection.close();
    }
    const env = { TEMPORAL_ADDRESS: testAddress(), TEMPORAL_NAMESPACE: namespace };
    const listed = await tsf(['list-state-machines'], env);
    assert.equal(listed.code, 1);
    assert.match(
      listed.stderr,
      new RegExp(
        `^SearchAttributeMissing: Namespace '${namespace}' .* lacks the search attribute TsfResourceType, .*run \`tsf setup\``,
      ),
    );
    const names = TSF_SEARCH_ATTRIBUTES.map((a) => a.name).join(', ');
    assert.ok((await workerError(env)).includes(`lacks the search attributes ${names}`));
  });
});
