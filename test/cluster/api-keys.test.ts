// API keys, as Temporal Cloud uses them: a second cluster of its own, started with Temporal's default JWT
// authorizer (`npm run cluster -- --auth jwt`: server-side TLS, keys signed by the project, its JWKS on loopback).
// `tsf` and `tsf worker` with a valid key in TEMPORAL_API_KEY run a Distributed Map; a wrong key (forged, expired,
// for another namespace) and a missing one are refused with an error that says so.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { msNumberToTs } from '@temporalio/common/lib/time';
import { connectTemporal } from '../../client/connect';
import { resolveConnectionSettings } from '../../client/connection-settings';
import { findFreeClusterPort, startCluster, type Cluster } from '../../scripts/cluster';
import { ensureSigningKey, mintApiKey } from '../../scripts/cluster/jwt';
import { callsOf, WORK_HANDLERS, workMap } from '../helpers/cluster';
import { uniqueName } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';
import { runTsf, startWorkerProcess, type WorkerProcess } from '../helpers/processes';

let cluster: Cluster;
let keyless: string;
const workers: WorkerProcess[] = [];
const dir = tempDir('api-keys');

before(async () => {
  const runDir = process.env.TSF_TEST_DATA_DIR;
  if (!runDir) throw new Error('TSF_TEST_DATA_DIR is not set: run the cluster tests with `npm run test:cluster`.');
  const port = await findFreeClusterPort();
  cluster = await startCluster({ dataDir: path.join(runDir, 'jwt'), port, auth: 'jwt', log: () => undefined });
  // The cluster's profile with its admin key taken out: the key comes from TEMPORAL_API_KEY, or not at all.
  const profile = fs.readFileSync(cluster.profileFile, 'utf8');
  keyless = path.join(dir, 'keyless.toml');
  fs.writeFileSync(keyless, profile.replace(/^api_key = .*\n/m, ''));
  assert.doesNotMatch(fs.readFileSync(keyless, 'utf8'), /api_key/);
});
after(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  await cluster?.stop();
});

/** The jwt cluster's profile without a key, and `apiKey` (if any) in TEMPORAL_API_KEY; no other TEMPORAL_*. */
const env = (apiKey?: string) => ({
  TEMPORAL_CONFIG_FILE: keyless,
  TEMPORAL_ADDRESS: '',
  TEMPORAL_API_KEY: apiKey ?? '',
});

test('a valid key in TEMPORAL_API_KEY: tsf and tsf worker run a Distributed Map', async () => {
  const key = cluster.mintApiKey({ permissions: ['default:write'], subject: 'tsf-test' });
  const listed = await runTsf(['list-state-machines'], env(key));
  assert.equal(listed.code, 0, listed.stderr);

  const taskQueue = uniqueName('api-keys');
  workers.push(await startWorkerProcess(taskQueue, [WORK_HANDLERS], env(key)));
  const calls = path.join(dir, 'calls');
  fs.mkdirSync(calls);
  const definition = path.join(dir, 'definition.json');
  fs.writeFileSync(definition, workMap({ maxConcurrency: 5, dir: calls, seconds: 0 }));
  const withQueue = { ...env(key), TSF_TASK_QUEUE: taskQueue };
  const created = await runTsf(
    ['create-state-machine', '--name', uniqueName('keys'), '--definition', `file://${definition}`],
    withQueue,
  );
  assert.equal(created.code, 0, created.stderr);
  const { stateMachineArn } = JSON.parse(created.stdout) as { stateMachineArn: string };
  const input = JSON.stringify({ items: Array.from({ length: 10 }, (_, n) => ({ n })) });
  const run = await runTsf(
    ['start-execution', '--state-machine-arn', stateMachineArn, '--input', input, '--wait', '--no-progress'],
    withQueue,
  );
  assert.equal(run.code, 0, run.stderr);
  const described = JSON.parse(run.stdout) as { status: string; output: string };
  assert.equal(described.status, 'SUCCEEDED');
  assert.deepEqual(
    JSON.parse(described.output),
    Array.from({ length: 10 }, (_, n) => ({ n })),
  );
  assert.deepEqual(
    callsOf(calls, 10).map((pids) => pids.length),
    new Array(10).fill(1),
  );
});

test('a wrong key (forged, expired, for another namespace) is refused: the error says to check the API key', async () => {
  const stranger = await ensureSigningKey(path.join(dir, 'stranger'));
  const kid = JSON.parse(Buffer.from(cluster.mintApiKey({ permissions: [] }).split('.')[0]!, 'base64url').toString());
  const wrong = {
    forged: mintApiKey({ ...stranger, kid: kid.kid as string }, { permissions: ['default:write'] }),
    expired: cluster.mintApiKey({ permissions: ['default:write'], ttlSeconds: -60 }),
    'another namespace': cluster.mintApiKey({ permissions: ['other:write'] }),
  };
  for (const [what, key] of Object.entries(wrong)) {
    const result = await runTsf(['list-state-machines'], env(key));
    assert.equal(result.code, 1, `${what}: ${result.stdout}`);
    assert.match(
      result.stderr,
      /^TemporalPermissionDenied: The Temporal server at \S+ refused the request \(.*\): check the API key \(TEMPORAL_API_KEY\): it may be wrong, expired, or lack a role on namespace 'default'/,
      what,
    );
  }
});

test('no key at all is refused: the error says none is set and where to set it', async () => {
  const result = await runTsf(['list-state-machines'], env());
  assert.equal(result.code, 1, result.stdout);
  assert.match(
    result.stderr,
    /^TemporalPermissionDenied: The Temporal server at \S+ refused the request \(.*\): no API key is set: set TEMPORAL_API_KEY or api_key in the profile/,
  );
});

// What a Temporal Cloud user meets: a key that may use a namespace but not manage the cluster. `tsf setup` reads what
// it may, and a step it may not make fails at once with the server's words and the `tcld` command for Cloud.
test('tsf setup with a namespace key: ready namespaces pass, a step it may not make names tcld', async () => {
  const ready = await runTsf(['setup', '--dry-run'], env(cluster.mintApiKey({ permissions: ['default:write'] })));
  assert.equal(ready.code, 0, ready.stderr);
  assert.match(ready.stdout, /Namespace default is ready for the engine: nothing to change/);

  const create = await runTsf(
    ['setup', '--namespace', 'orders'],
    env(cluster.mintApiKey({ permissions: ['orders:write'] })),
  );
  assert.equal(create.code, 1, create.stdout);
  assert.match(
    create.stderr,
    /^SetupNotPermitted: The server refused to create namespace 'orders' \(.*\)\. On a cluster of your own, run `tsf setup` with the credentials of a cluster admin .* tcld namespace create --namespace orders --region <region> --retention-days 14/,
  );

  // A namespace without the engine's attributes, made by the cluster admin alone.
  const admin = cluster.mintApiKey({ permissions: ['temporal-system:admin'] });
  const bare = `bare-${Date.now()}`;
  await registerNamespaceOnly(bare, admin);
  const add = await runTsf(['setup', '--namespace', bare], env(cluster.mintApiKey({ permissions: [`${bare}:write`] })));
  assert.equal(add.code, 1, add.stdout);
  assert.match(
    add.stderr,
    new RegExp(
      `^SetupNotPermitted: The server refused to add search attributes TsfResourceType, .* to namespace '${bare}' .*` +
        `tcld namespace search-attributes add --namespace ${bare}\\.<account> --search-attribute TsfResourceType=Keyword `,
    ),
  );
});

/** RegisterNamespace alone, as a cluster admin (no search attributes), and wait until it is visible. */
async function registerNamespaceOnly(namespace: string, apiKey: string): Promise<void> {
  const settings = resolveConnectionSettings({ env: env(apiKey) });
  const connection = await connectTemporal(settings);
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msNumberToTs(14 * 24 * 3600 * 1000),
    });
    await pollUntil(
      () =>
        connection.workflowService.describeNamespace({ namespace }).then(
          () => true,
          () => undefined,
        ),
      `namespace ${namespace} to be visible`,
    );
  } finally {
    await connection.close();
  }
}
