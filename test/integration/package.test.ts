/**
 * The package as a user gets it: `npm pack` (which builds dist/), the tarball installed into a scratch project
 * outside the repository, then, through the package only:
 * - an ES module, a CommonJS script and a TypeScript file (type-checked by tsc against the published declarations,
 *   with moduleResolution nodenext and bundler) each create a state machine and run it to the end;
 * - the worker that runs those executions is the user's own: their `Worker.create` in TypeScript, with the engine's
 *   bundle options, activities and worker options from `temporal-step-functions/worker`, a Task handler and an
 *   activity of their own; the state machine is a Distributed Map whose items call that handler;
 * - `npx tsf --version` answers, `tsf` reaches the server, and a TypeScript handler module without tsx installed
 *   gets an error that says what to do;
 * - the install holds no dev tools (tsx, vite, react) and the tarball no sources or build info.
 * Everything lives in one temporary folder, removed at the end with the worker process.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testAddress, uniqueName } from '../helpers/engine';
import { runCommand, type CommandResult } from '../helpers/processes';

const root = path.resolve(__dirname, '../..');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

// ---------------------------------------------------------------------------------------------------------------
// The scratch project's files, as a user would write them.
// ---------------------------------------------------------------------------------------------------------------

const definition = {
  Comment: 'Doubles each item in a Distributed Map whose children call the user worker handler',
  StartAt: 'Items',
  States: {
    Items: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 2,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Double',
        States: {
          Double: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double', End: true },
        },
      },
      End: true,
    },
  },
};
const input = { items: [{ n: 1 }, { n: 2 }, { n: 3 }] };
const expectedOutput = [
  { n: 2, by: 'double' },
  { n: 4, by: 'double' },
  { n: 6, by: 'double' },
];

/** The user's worker: their own Worker.create, the engine's pieces, a handler and an activity of their own. */
const workerSource = `
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { loadConfig } from 'temporal-step-functions';
import {
  connectWorker,
  createActivities,
  engineWorkerOptions,
  handlersFrom,
  workflowBundleOptions,
  type HandlerContext,
} from 'temporal-step-functions/worker';

/** The Task handler the Distributed Map's items call (Resource ...:function:double). */
async function double(event: { n: number }, context: HandlerContext): Promise<{ n: number; by: string }> {
  return { n: event.n * 2, by: context.functionName };
}

/** An activity of the user's own, registered next to the engine's. */
async function audit(message: string): Promise<string> {
  return 'audited: ' + message;
}

// @ts-expect-error handlersFrom takes an object of functions: the published types are not 'any'
handlersFrom('double');

const config = loadConfig();
const connection = await connectWorker(config);
const worker = await Worker.create({
  ...engineWorkerOptions(),
  connection,
  namespace: config.namespace,
  taskQueue: config.taskQueue,
  workflowBundle: await bundleWorkflowCode(workflowBundleOptions()),
  activities: { ...createActivities({ handlers: handlersFrom({ double }) }), audit },
});
console.log('user worker ready on ' + config.taskQueue);
await worker.run();
await connection.close();
`;

/** The same client three times: ESM, CommonJS, TypeScript. Prints { status, output, ... } as JSON. */
const clientBody = (imports: string) => `${imports}
const [name, definitionFile, inputFile] = process.argv.slice(2);
const definition = JSON.parse(fs.readFileSync(definitionFile, 'utf8'));
const checked = validateDefinition(definition);
if (!checked.ok) throw new Error('invalid definition: ' + JSON.stringify(checked.faults));

async function main() {
  const { sfn, close } = await StepFunctions.connect(loadConfig());
  try {
    let missing = 'not thrown';
    try {
      await sfn.describeStateMachine({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:' + name });
    } catch (error) {
      missing = error instanceof StateMachineDoesNotExist ? error.name : 'wrong error: ' + String(error);
    }
    const { stateMachineArn } = await sfn.createStateMachine({ name, definition: JSON.stringify(definition) });
    const { executionArn } = await sfn.startExecution({ stateMachineArn, input: fs.readFileSync(inputFile, 'utf8') });
    const described = await sfn.waitForExecution({ executionArn }, { timeoutMs: 120000 });
    const mapRuns = await sfn.listMapRuns({ executionArn });
    console.log(JSON.stringify({ status: described.status, output: described.output, missing, mapRuns: mapRuns.mapRuns.length }));
  } finally {
    await close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

const esmClient = clientBody(`import fs from 'node:fs';
import { StepFunctions, StateMachineDoesNotExist, loadConfig } from 'temporal-step-functions';
import { validateDefinition } from 'temporal-step-functions/asl';`);

const cjsClient = clientBody(`const fs = require('node:fs');
const { StepFunctions, StateMachineDoesNotExist, loadConfig } = require('temporal-step-functions');
const { validateDefinition } = require('temporal-step-functions/asl');`);

const tsClient = `${clientBody(`import fs from 'node:fs';
import {
  StepFunctions,
  StateMachineDoesNotExist,
  loadConfig,
  type DescribeExecutionOutput,
  type EngineConfig,
  type ExecutionStatus,
} from 'temporal-step-functions';
import { validateDefinition, type StateMachineDefinition } from 'temporal-step-functions/asl';`)}
export const typed: EngineConfig['taskQueue'] = 'q';
export const statusOf = (described: DescribeExecutionOutput): ExecutionStatus => described.status;
export const machine: Pick<StateMachineDefinition, 'StartAt'> = { StartAt: 'Items' };
export async function misuse(sfn: StepFunctions) {
  // @ts-expect-error CreateStateMachine has no 'nme': the request types are published, not 'any'
  await sfn.createStateMachine({ nme: 'x', definition: '{}' });
}
`;

/** tsc settings shared by both checks; @types/node comes from the repository (as if the user had it). */
const compilerOptions = {
  target: 'es2022',
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  typeRoots: [path.join(root, 'node_modules/@types')],
  types: ['node'],
};
const tsconfigNodeNext = {
  compilerOptions: { ...compilerOptions, module: 'nodenext', moduleResolution: 'nodenext', outDir: 'build' },
  files: ['worker.mts', 'client.ts'],
};
const tsconfigBundler = {
  compilerOptions: { ...compilerOptions, module: 'esnext', moduleResolution: 'bundler', noEmit: true },
  files: ['client.ts'],
};

// ---------------------------------------------------------------------------------------------------------------
// Processes: npm, tsc, node and npx in the scratch folder.
// ---------------------------------------------------------------------------------------------------------------

let scratch: string;
let worker: ChildProcess | undefined;
let workerOutput = '';
const taskQueue = uniqueName('package');

/** The environment of the scratch project's processes: this test server, no npm settings of the `npm test` run. */
function scratchEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('npm_') || key === 'npm_config_cache' || key === 'npm_config_registry') env[key] = value;
  }
  return {
    ...env,
    TEMPORAL_ADDRESS: testAddress(),
    TSF_TASK_QUEUE: taskQueue,
    TSF_DATA_DIR: path.join(scratch, '.tsf'),
    NODE_OPTIONS: '',
  };
}

function run(command: string, args: string[], cwd: string): Promise<CommandResult> {
  return runCommand(command, args, { cwd, env: scratchEnv() });
}

async function ok(command: string, args: string[], cwd = scratch): Promise<string> {
  const started = Date.now();
  const result = await run(command, args, cwd);
  assert.equal(result.code, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  console.error(
    `  ${path.basename(command)} ${args.slice(0, 2).join(' ')}: ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result.stdout;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let tarball: string;

function write(file: string, content: unknown): void {
  fs.writeFileSync(path.join(scratch, file), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

async function startUserWorker(): Promise<void> {
  const child = spawn(process.execPath, ['build/worker.mjs'], { cwd: scratch, env: scratchEnv() });
  worker = child;
  child.stdout.on('data', (d: Buffer) => (workerOutput += d.toString()));
  child.stderr.on('data', (d: Buffer) => (workerOutput += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`user worker not ready after 120 s:\n${workerOutput}`)), 120_000);
    const check = () => {
      if (!workerOutput.includes('user worker ready')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`user worker exited with ${code}:\n${workerOutput}`));
    });
  });
}

async function stopUserWorker(): Promise<void> {
  const child = worker;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

describe('the package, installed from its tarball into a scratch project', { timeout: 600_000 }, () => {
  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-package-'));
    // npm pack runs `prepare`, which builds dist/ (incremental) and the console front-end into it.
    const packed = await ok(npm, ['pack', '--pack-destination', scratch, '--silent'], root);
    tarball = path.join(scratch, packed.trim().split('\n').pop()!);
    write('package.json', { name: 'scratch', version: '1.0.0', private: true });
    // The registry only (the cache of `npm ci` usually answers); no audit, no funding calls.
    await ok(npm, ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
    write('definition.json', definition);
    write('input.json', input);
    write('worker.mts', workerSource);
    write('client.mjs', esmClient);
    write('client.cjs', cjsClient);
    write('client.ts', tsClient);
    write('tsconfig.json', tsconfigNodeNext);
    write('tsconfig.bundler.json', tsconfigBundler);
  });

  after(async () => {
    await stopUserWorker();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('the tarball holds built JavaScript, declarations and the console, no sources; the install no dev tools', async () => {
    const listed = await ok('tar', ['tzf', tarball]);
    const files = listed.split('\n').filter(Boolean);
    for (const file of [
      'package/bin/tsf.cjs',
      'package/dist/client/index.js',
      'package/dist/client/index.d.ts',
      'package/dist/worker/index.d.ts',
      'package/dist/asl/index.d.ts',
      'package/dist/workflows/index.js',
      'package/dist/console-web/index.html',
      'package/README.md',
    ])
      assert.ok(files.includes(file), `${file} is missing from the tarball`);
    const unexpected = files.filter(
      (file) =>
        (file.endsWith('.ts') && !file.endsWith('.d.ts')) || /tsbuildinfo|^package\/(test|scripts\/demo)/.test(file),
    );
    assert.deepEqual(unexpected, []);
    for (const tool of ['tsx', 'vite', 'react', '@vitejs/plugin-react', 'typescript'])
      assert.ok(!fs.existsSync(path.join(scratch, 'node_modules', tool)), `${tool} was installed with the package`);
  });

  test('npx tsf --version prints the version; tsf reaches the server', async () => {
    assert.equal((await ok(npx, ['--no-install', 'tsf', '--version'])).trim(), version);
    const listed = JSON.parse(await ok(npx, ['--no-install', 'tsf', 'list-state-machines', '--max-results', '1']));
    assert.ok(Array.isArray(listed.stateMachines));
  });

  test('tsf worker with a TypeScript handler module and no tsx says what to do', async (t) => {
    if ((process.features as { typescript?: unknown }).typescript) return t.skip('this Node loads TypeScript itself');
    write('handlers.ts', 'export async function double(event: { n: number }) { return event.n * 2; }\n');
    const result = await run(npx, ['--no-install', 'tsf', 'worker', '--handlers', 'handlers.ts'], scratch);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /handlers\.ts.*npm install --save-dev tsx/s);
  });

  test('TypeScript: the published declarations type-check (nodenext and bundler resolution)', async () => {
    // nodenext also emits build/ (the worker and the TypeScript client run from there).
    await Promise.all([
      ok(process.execPath, [tsc, '-p', 'tsconfig.json']),
      ok(process.execPath, [tsc, '-p', 'tsconfig.bundler.json']),
    ]);
  });

  test("ESM, CommonJS and TypeScript clients run a Distributed Map on the user's own worker", async () => {
    await startUserWorker();
    const clients = [
      ['esm', 'client.mjs'],
      ['cjs', 'client.cjs'],
      ['ts', 'build/client.js'],
    ] as const;
    const results = await Promise.all(
      clients.map(async ([kind, file]) => {
        const name = uniqueName(`package-${kind}`);
        const stdout = await ok(process.execPath, [file, name, 'definition.json', 'input.json']);
        return {
          kind,
          ...(JSON.parse(stdout) as { status: string; output: string; missing: string; mapRuns: number }),
        };
      }),
    );
    for (const result of results) {
      assert.equal(result.status, 'SUCCEEDED', `${result.kind}: ${JSON.stringify(result)}\n${workerOutput}`);
      assert.deepEqual(JSON.parse(result.output), expectedOutput, result.kind);
      assert.equal(result.missing, 'StateMachineDoesNotExist', result.kind);
      assert.equal(result.mapRuns, 1, result.kind);
    }
  });
});
