/**
 * Issue #15, acceptance 4: who may call the API. With TSF_API_CREDENTIALS_FILE every request must be signed
 * (SigV4) with one of its keys: a wrong signature is InvalidSignatureException, an unknown key
 * UnrecognizedClientException, a date more than 15 minutes off "Signature expired", all 403 (IAM's requests get
 * IAM's names). Without credentials the API serves loopback only, refuses to bind elsewhere, and refuses requests
 * a web page could send.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { ListStateMachinesCommand, SFNClient, type SFNServiceException } from '@aws-sdk/client-sfn';
import { startApiServer, type RunningApi } from '../../api/api-server';
import { loadApiCredentials } from '../../api/credentials';
import { SIGNATURE_MISMATCH } from '../../api/sigv4';
import { DUMMY_CREDENTIALS, iamClientOf, sfnClientOf, startApiProcess, startTestApi } from '../helpers/api-server';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { runTsf } from '../helpers/processes';

let engine: TestEngine;
let signed: RunningApi;
let credentialsFile: string;
let local: RunningApi;
before(async () => {
  engine = await startTestEngine({ worker: false });
  const file = path.join(tempDir('api-credentials'), 'credentials');
  credentialsFile = file;
  fs.writeFileSync(
    file,
    `[default]\naws_access_key_id = ${DUMMY_CREDENTIALS.accessKeyId}\n` +
      `aws_secret_access_key = ${DUMMY_CREDENTIALS.secretAccessKey}\n\n` +
      '[ci]\naws_access_key_id = AKIDSECOND\naws_secret_access_key = second-secret\n',
  );
  signed = await startTestApi(engine, await loadApiCredentials(file));
  local = await startTestApi(engine);
});
after(async () => {
  await signed?.close();
  await local?.close();
  await engine?.stop();
});

async function failureOf(call: () => Promise<unknown>): Promise<SFNServiceException> {
  try {
    await call();
  } catch (error) {
    return error as SFNServiceException;
  }
  assert.fail('the call succeeded');
}

/** A POST with exactly these headers (fetch would drop Host and Origin, which it sets itself). */
function rawPost(url: string, headers: Record<string, string>, body: string) {
  const { port } = new URL(url);
  return new Promise<{ status: number | undefined; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode, body: text, headers: response.headers }));
      });
      request.on('error', reject);
      request.end(body);
    },
  );
}

function listWith(client: SFNClient) {
  return client.send(new ListStateMachinesCommand({ maxResults: 1 }));
}

describe('with TSF_API_CREDENTIALS_FILE: SigV4 verified', () => {
  test('a request signed with a key of the file is served, whichever of its profiles', async () => {
    const listed = await listWith(sfnClientOf(signed));
    assert.ok(Array.isArray(listed.stateMachines));
    const second = await listWith(sfnClientOf(signed, { accessKeyId: 'AKIDSECOND', secretAccessKey: 'second-secret' }));
    assert.ok(Array.isArray(second.stateMachines));
    const policies = await iamClientOf(signed).send(new ListRolePoliciesCommand({ RoleName: uniqueName('role') }));
    assert.deepEqual(policies.PolicyNames, []);
  });

  test('a wrong signature is InvalidSignatureException, 403', async () => {
    const wrong = { accessKeyId: DUMMY_CREDENTIALS.accessKeyId, secretAccessKey: 'not-the-secret' };
    const error = await failureOf(() => listWith(sfnClientOf(signed, wrong)));
    assert.equal(error.name, 'InvalidSignatureException');
    assert.equal(error.message, SIGNATURE_MISMATCH);
    assert.equal(error.$metadata.httpStatusCode, 403);
    // IAM's requests get IAM's name for it.
    const iamError = await failureOf(() =>
      iamClientOf(signed, wrong).send(new ListRolePoliciesCommand({ RoleName: 'r' })),
    );
    assert.equal(iamError.name, 'SignatureDoesNotMatch');
    assert.equal(iamError.$metadata.httpStatusCode, 403);
  });

  test('an unknown access key is UnrecognizedClientException, 403', async () => {
    const unknown = { accessKeyId: 'AKIDNOBODY', secretAccessKey: DUMMY_CREDENTIALS.secretAccessKey };
    const error = await failureOf(() => listWith(sfnClientOf(signed, unknown)));
    assert.equal(error.name, 'UnrecognizedClientException');
    assert.equal(error.message, 'The security token included in the request is invalid.');
    assert.equal(error.$metadata.httpStatusCode, 403);
  });

  test('a signature dated more than 15 minutes ago has expired: InvalidSignatureException, 403', async () => {
    const late = new SFNClient({
      endpoint: signed.url,
      region: 'us-east-1',
      credentials: DUMMY_CREDENTIALS,
      maxAttempts: 1,
      systemClockOffset: -16 * 60 * 1000,
    });
    const error = await failureOf(() => listWith(late));
    assert.equal(error.name, 'InvalidSignatureException');
    assert.match(
      error.message,
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    assert.equal(error.$metadata.httpStatusCode, 403);
    // 14 minutes off is still accepted.
    const early = new SFNClient({
      endpoint: signed.url,
      region: 'us-east-1',
      credentials: DUMMY_CREDENTIALS,
      maxAttempts: 1,
      systemClockOffset: -14 * 60 * 1000,
    });
    assert.ok(Array.isArray((await listWith(early)).stateMachines));
  });

  test('an unsigned request is refused, 403', async () => {
    const response = await fetch(signed.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.ListStateMachines' },
      body: '{}',
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
  });

  test('a signed body that was changed on the way is refused', async () => {
    // Sign one request, send another body under its signature.
    let captured: { headers: Record<string, string>; body: string } | undefined;
    const client = sfnClientOf(signed);
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string>; body: string | Uint8Array };
        const body = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8');
        captured = { headers: { ...request.headers }, body };
        return next(args);
      },
      // The deserialize step runs after signing, just before the request is sent.
      { step: 'deserialize' },
    );
    await listWith(client);
    assert.ok(captured);
    // The same headers, signature included; the body says something else.
    const changed = captured.body.replace('"maxResults":1', '"maxResults":2');
    assert.notEqual(changed, captured.body);
    const { 'content-length': _length, ...headers } = captured.headers;
    const response = await rawPost(signed.url, headers, changed);
    assert.equal(response.status, 403);
    assert.equal(response.headers['x-amzn-errortype'], 'InvalidSignatureException');
    // Sent as signed, it is served: the refusal is the change's.
    const unchanged = await rawPost(signed.url, headers, captured.body);
    assert.equal(unchanged.status, 200);
  });
});

test('with credentials `tsf api` may bind every address, and still wants the signature', async () => {
  const api = await startApiProcess(engine.taskQueue, { TSF_API_CREDENTIALS_FILE: credentialsFile }, [
    'api',
    '--host',
    '0.0.0.0',
    '--port',
    '0',
  ]);
  try {
    assert.match(api.output(), /Every request must be signed \(SigV4\) with one of the 2 keys of /);
    const url = api.url.replace('0.0.0.0', '127.0.0.1');
    const client = new SFNClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: DUMMY_CREDENTIALS,
      maxAttempts: 1,
    });
    assert.ok(Array.isArray((await listWith(client)).stateMachines));
    const wrong = { accessKeyId: DUMMY_CREDENTIALS.accessKeyId, secretAccessKey: 'guessed' };
    const refused = new SFNClient({ endpoint: url, region: 'us-east-1', credentials: wrong, maxAttempts: 1 });
    assert.equal((await failureOf(() => listWith(refused))).name, 'InvalidSignatureException');
  } finally {
    await api.stop();
  }
});

describe('without credentials: loopback only', () => {
  test('any signature is accepted from this machine', async () => {
    const anyKey = { accessKeyId: 'AKIDANY', secretAccessKey: 'anything' };
    assert.ok(Array.isArray((await listWith(sfnClientOf(local, anyKey))).stateMachines));
  });

  test('binding a non-loopback address without credentials is refused, by the server and by `tsf api`', async () => {
    await assert.rejects(startApiServer({ sfn: engine.sfn, host: '0.0.0.0', port: 0 }), {
      message:
        'Binding 0.0.0.0 (not loopback) needs credentials: set TSF_API_CREDENTIALS_FILE to an AWS-style credentials ' +
        'file, whose keys every request must then be signed with',
    });
    const result = await runTsf(['api', '--host', '0.0.0.0', '--port', '0'], { TSF_API_CREDENTIALS_FILE: '' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Binding 0\.0\.0\.0 \(not loopback\) needs credentials/);
  });

  const listRequest = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'AWSStepFunctions.ListStateMachines',
  };

  test('a Host name that is not loopback is refused (DNS rebinding)', async () => {
    const { port } = new URL(local.url);
    const refused = await rawPost(local.url, { ...listRequest, host: `attacker.example:${port}` }, '{}');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers['x-amzn-errortype'], 'AccessDeniedException');
    const served = await rawPost(local.url, { ...listRequest, host: `localhost:${port}` }, '{}');
    assert.equal(served.status, 200);
  });

  test('a request a web page sent (it has an Origin) is refused', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://attacker.example' };
    const body = `Action=ListRolePolicies&Version=2010-05-08&RoleName=${uniqueName('r')}`;
    const refused = await rawPost(local.url, form, body);
    assert.equal(refused.status, 403);
    assert.match(refused.body, /<Code>AccessDenied<\/Code>/);
    const { origin: _origin, ...withoutOrigin } = form;
    const served = await rawPost(local.url, withoutOrigin, body);
    assert.equal(served.status, 200);
    assert.match(served.body, /<ListRolePoliciesResponse/);
  });
});
