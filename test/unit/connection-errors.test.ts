// gRPC's cryptic failures translated into errors that name the setting to fix (client/connection-errors.ts), and
// the TLS errors the probe classifies (client/tls-probe.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NamespaceNotFoundError } from '@temporalio/client';
import {
  connectFailureMessage,
  NamespaceNotFound,
  SearchAttributeMissing,
  TemporalPermissionDenied,
  translateServiceError,
  type SettingsContext,
} from '../../client/connection-errors';
import { classifyTlsError, splitAddress } from '../../client/tls-probe';

const plaintext: SettingsContext = {
  address: 'cluster.example:7233',
  namespace: 'orders',
  tls: false,
  sources: { address: 'TEMPORAL_ADDRESS', namespace: 'TEMPORAL_NAMESPACE', tls: 'default (plaintext)' },
};

/** What grpc-js throws: an Error with a numeric code, and the SDK's ServiceError wrapping it. */
function grpcError(code: number, details: string): Error {
  const error = Object.assign(new Error(`${code} ${code === 5 ? 'NOT_FOUND' : 'INVALID_ARGUMENT'}: ${details}`), {
    code,
    details,
  });
  return Object.assign(new Error('Failed to start Workflow'), { name: 'ServiceError', cause: error });
}

void describe('connect failures', () => {
  void test('plaintext to a server that requires TLS: says so and names the variables', () => {
    const message = connectFailureMessage(
      plaintext,
      { failure: 'tls-required' },
      'Failed to connect before the deadline',
    );
    assert.match(
      message,
      /^The server at cluster\.example:7233 \(TEMPORAL_ADDRESS\) refused the connection: it requires TLS/,
    );
    for (const name of ['TEMPORAL_TLS=true', 'TEMPORAL_TLS_SERVER_CA_CERT_PATH', 'TEMPORAL_TLS_CLIENT_CERT_PATH']) {
      assert.ok(message.includes(name), name);
    }
  });

  void test('each failure names what to fix', () => {
    const cases: [Parameters<typeof connectFailureMessage>[1], RegExp][] = [
      [{ failure: 'refused' }, /Nothing answers at cluster\.example:7233 \(TEMPORAL_ADDRESS\)/],
      [{ failure: 'server-plaintext' }, /does not speak TLS.*TEMPORAL_TLS=false/],
      [{ failure: 'server-cert-untrusted', detail: 'SELF_SIGNED_CERT_IN_CHAIN' }, /TEMPORAL_TLS_SERVER_CA_CERT_PATH/],
      [{ failure: 'server-name-mismatch' }, /TEMPORAL_TLS_SERVER_NAME/],
      [{ failure: 'client-cert-required' }, /requires a client certificate \(mTLS\).*TEMPORAL_TLS_CLIENT_CERT_PATH/],
      [{ failure: 'client-cert-rejected' }, /rejected the TLS client certificate/],
      [{ failure: 'unknown' }, /Cannot connect to the Temporal server at cluster\.example:7233.*: boom/],
    ];
    for (const [diagnosis, pattern] of cases)
      assert.match(connectFailureMessage(plaintext, diagnosis, 'boom'), pattern);
  });

  void test('TLS errors as node reports them', () => {
    const err = (code: string, message: string) => Object.assign(new Error(message), { code });
    assert.equal(
      classifyTlsError(err('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), false)?.failure,
      'server-plaintext',
    );
    assert.equal(
      classifyTlsError(err('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed'), false)?.failure,
      'server-cert-untrusted',
    );
    assert.equal(
      classifyTlsError(err('ERR_TLS_CERT_ALTNAME_INVALID', 'altname'), false)?.failure,
      'server-name-mismatch',
    );
    const required = err('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tlsv13 alert certificate required');
    assert.equal(classifyTlsError(required, false)?.failure, 'client-cert-required');
    const bad = err('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'sslv3 alert bad certificate');
    assert.equal(classifyTlsError(bad, true)?.failure, 'client-cert-rejected');
    assert.equal(classifyTlsError(err('ECONNRESET', 'socket hang up'), true), undefined);
  });

  void test('addresses', () => {
    assert.deepEqual(splitAddress('127.0.0.1:7233'), { host: '127.0.0.1', port: 7233 });
    assert.deepEqual(splitAddress('[::1]:7233'), { host: '::1', port: 7233 });
    assert.deepEqual(splitAddress('dns:///ns.acct.tmprl.cloud:7233'), { host: 'ns.acct.tmprl.cloud', port: 7233 });
    assert.equal(splitAddress('nonsense'), undefined);
  });
});

void describe('failed calls', () => {
  void test('an unknown namespace names it and `tsf setup`', () => {
    for (const error of [new NamespaceNotFoundError('orders'), grpcError(5, 'Namespace orders is not found.')]) {
      const translated = translateServiceError(error, plaintext);
      assert.ok(translated instanceof NamespaceNotFound);
      assert.equal(
        translated.message,
        "Namespace 'orders' does not exist on the Temporal server at cluster.example:7233 (namespace from " +
          'TEMPORAL_NAMESPACE): `tsf setup` creates it (with the retention and the search attributes the engine needs)',
      );
    }
  });

  void test('a missing search attribute names it and `tsf setup`', () => {
    for (const details of [
      'Namespace orders has no mapping defined for search attribute TsfResourceType',
      "invalid query: invalid expression: column name 'TsfResourceType' is not a valid search attribute",
    ]) {
      const translated = translateServiceError(grpcError(3, details), plaintext);
      assert.ok(translated instanceof SearchAttributeMissing);
      assert.equal(translated.attribute, 'TsfResourceType');
      assert.match(translated.message, /lacks the search attribute TsfResourceType.*run `tsf setup`/);
    }
  });

  void test('a refused credential says whether an API key was sent', () => {
    const denied = Object.assign(new Error('7 PERMISSION_DENIED: Request unauthorized.'), { code: 7 });
    const without = translateServiceError(denied, plaintext);
    assert.ok(without instanceof TemporalPermissionDenied);
    assert.match(
      without.message,
      /refused the request \(Request unauthorized\.\): no API key is set: set TEMPORAL_API_KEY/,
    );
    const withKey = translateServiceError(denied, {
      ...plaintext,
      apiKey: 'k',
      sources: { ...plaintext.sources!, apiKey: 'TEMPORAL_API_KEY' },
    });
    assert.match((withKey as Error).message, /check the API key \(TEMPORAL_API_KEY\)/);
  });

  void test('anything else passes through', () => {
    const other = grpcError(3, 'something else');
    assert.equal(translateServiceError(other, plaintext), other);
  });
});
