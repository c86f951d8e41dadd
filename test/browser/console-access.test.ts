/**
 * Who may use the console: POSTs need the page's CSRF token and a same-origin request (403 otherwise), the
 * loopback console serves only loopback Host names, and a console with an access token refuses requests
 * without it. `tsf console` itself runs as a child process, as a user starts it.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createConsoleApp, startConsoleServer } from '../../console/server/console-server';
import { ensureWebBuild } from '../../console/server/web-build';
import { startTestEngine, testAddress, type TestEngine } from '../helpers/engine';

const root = path.resolve(__dirname, '../..');
let engine: TestEngine;
let child: ChildProcess;
let base: string;

before(async () => {
  engine = await startTestEngine({ worker: false });
  await ensureWebBuild();
  child = spawn(process.execPath, [path.join(root, 'bin/tsf.cjs'), 'console', '--port', '0'], {
    cwd: root,
    env: { ...process.env, TEMPORAL_ADDRESS: testAddress() },
  });
  let output = '';
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tsf console did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /Console at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`tsf console exited with ${code}:\n${output}`)));
  });
});
after(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await engine?.stop();
});

const missingArn = 'arn:aws:states:us-east-1:000000000000:execution:nothing:here';
const stopUrl = () => `${base}api/executions/${encodeURIComponent(missingArn)}/stop`;

async function csrfToken(): Promise<string> {
  const html = await (await fetch(base)).text();
  const token = /<meta name="tsf-csrf" content="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, 'the page carries the CSRF token');
  return token;
}

test('tsf console binds loopback by default and serves the page', async () => {
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const page = await fetch(base);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<div id="root">/);
});

test('a POST without the CSRF token is refused with 403', async () => {
  const response = await fetch(stopUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(response.status, 403);
  assert.equal(((await response.json()) as { name: string }).name, 'Forbidden');
});

test('a POST from another origin is refused with 403, even with the token', async () => {
  const token = await csrfToken();
  const fromOrigin = await fetch(stopUrl(), {
    method: 'POST',
    headers: { 'x-tsf-csrf': token, origin: 'http://evil.example' },
    body: '{}',
  });
  assert.equal(fromOrigin.status, 403);
  assert.match(((await fromOrigin.json()) as { message: string }).message, /evil\.example/);
  const crossSite = await fetch(stopUrl(), {
    method: 'POST',
    headers: { 'x-tsf-csrf': token, 'sec-fetch-site': 'cross-site' },
    body: '{}',
  });
  assert.equal(crossSite.status, 403);
});

test('a same-origin POST with the token reaches the SDK, whose error comes back by name and message', async () => {
  const token = await csrfToken();
  const response = await fetch(stopUrl(), {
    method: 'POST',
    headers: { 'x-tsf-csrf': token, origin: base.replace(/\/$/, ''), 'sec-fetch-site': 'same-origin' },
    body: '{}',
  });
  const sdkError = await engine.sfn.stopExecution({ executionArn: missingArn }).catch((e: Error) => e);
  assert.ok(sdkError instanceof Error);
  assert.equal(response.status, 404);
  assert.deepEqual(await response.json(), { name: sdkError.name, message: sdkError.message });
});

test('a Host name other than loopback is refused (DNS rebinding)', async () => {
  const app = createConsoleApp({ sfn: engine.sfn, webRoot: await ensureWebBuild(), loopbackOnly: true }).app;
  const rebound = await app.request('http://attacker.example:8080/api/state-machines');
  assert.equal(rebound.status, 403);
  const local = await app.request('http://localhost:8080/api/state-machines');
  assert.equal(local.status, 200);
});

test('with an access token, requests without it get 401; the token URL sets a cookie that lets them in', async () => {
  const { app } = createConsoleApp({
    sfn: engine.sfn,
    webRoot: await ensureWebBuild(),
    loopbackOnly: false,
    accessToken: 'sesame',
  });
  assert.equal((await app.request('http://10.1.2.3:8080/api/state-machines')).status, 401);
  assert.equal((await app.request('http://10.1.2.3:8080/')).status, 401);
  const bearer = await app.request('http://10.1.2.3:8080/api/state-machines', {
    headers: { authorization: 'Bearer sesame' },
  });
  assert.equal(bearer.status, 200);
  const opened = await app.request('http://10.1.2.3:8080/?token=sesame');
  assert.equal(opened.status, 302);
  const cookie = opened.headers.get('set-cookie')?.split(';')[0];
  assert.ok(cookie, 'the token becomes a cookie');
  assert.equal((await app.request('http://10.1.2.3:8080/', { headers: { cookie } })).status, 200);
  assert.equal((await app.request('http://10.1.2.3:8080/?token=wrong')).status, 401);
});

test('binding an address that is not loopback without a token is refused', async () => {
  await assert.rejects(
    startConsoleServer({ sfn: engine.sfn, webRoot: await ensureWebBuild(), host: '0.0.0.0', port: 0 }),
    /needs an access token/,
  );
});
