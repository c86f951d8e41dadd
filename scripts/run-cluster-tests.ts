/**
 * `npm run test:cluster`: the tests of test/cluster on a real Temporal cluster (scripts/cluster: PostgreSQL, four
 * separate services, mTLS on the frontend). Builds dist/ (the tests run `tsf` through bin/tsf.cjs), starts a
 * cluster on a fresh data folder and a free block of ports (so it runs beside a dev server or another cluster),
 * runs the test files one after another with node's test runner (one at a time: some crash the history service or
 * restart PostgreSQL, which every file running beside them would feel), then stops the cluster and removes the
 * folder. Extra arguments are test files to run instead of all of them.
 *
 * Every process of the run connects through the cluster's profile (TEMPORAL_CONFIG_FILE; the shell's TEMPORAL_*
 * variables are dropped), over mTLS. TSF_CLUSTER_CONTROL is the loopback URL through which a test kills or restarts
 * a service or PostgreSQL of the cluster (scripts/cluster/control.ts). A process the run started that is still
 * alive at the end is reported, killed, and fails the run. The output ends with the test runner's summary.
 * TSF_KEEP_CLUSTER_DATA=1 keeps the data folder (the services' and PostgreSQL's logs are in its cluster/logs).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isConnectionVariable } from '../client/connection-settings';
import { build } from './build';
import { findFreeClusterPort, serveClusterControl, startCluster } from './cluster';

const root = path.resolve(__dirname, '..');
const TEST_DIR = 'test/cluster';
const log = (message: string) => console.error(`[test:cluster] ${message}`);
/** In the environment of every process the test files start, to find the ones left running at the end. */
const RUN_VARIABLE = 'TSF_CLUSTER_TEST_RUN';

function testFiles(args: string[]): string[] {
  if (args.length > 0) return args;
  return fs
    .readdirSync(path.join(root, TEST_DIR))
    .filter((file) => file.endsWith('.test.ts'))
    .sort()
    .map((file) => path.join(TEST_DIR, file));
}

function withoutTemporalSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !isConnectionVariable(key)));
}

function readProc(pid: string, file: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Processes of this run still alive: anything started by the test files (they carry RUN_VARIABLE in their
 * environment: `tsf` workers, a second cluster's services) or running from the data folder (the cluster's own).
 */
function leftovers(runId: string, dataDir: string): Array<{ pid: number; command: string }> {
  if (!fs.existsSync('/proc')) return [];
  return fs
    .readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid) && Number(pid) !== process.pid)
    .filter(
      (pid) =>
        readProc(pid, 'environ').split('\0').includes(`${RUN_VARIABLE}=${runId}`) ||
        readProc(pid, 'cmdline').includes(dataDir),
    )
    .map((pid) => ({ pid: Number(pid), command: readProc(pid, 'cmdline').replace(/\0/g, ' ').trim() }))
    .filter(({ command }) => command !== '');
}

/** Kills what the test files left running and says so (a test that does not clean up is a bug to fix). */
function killLeftovers(runId: string, dataDir: string): boolean {
  const left = leftovers(runId, dataDir);
  if (left.length === 0) return true;
  console.error('test:cluster: processes of the run were still running at its end (killed now):');
  for (const { pid, command } of left) {
    console.error(`  ${pid} ${command}`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  return false;
}

function runTests(files: string[], env: NodeJS.ProcessEnv, abort: AbortSignal): Promise<number> {
  const args = ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter', 'spec', ...files];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  const stop = () => child.kill('SIGTERM');
  abort.addEventListener('abort', stop);
  return new Promise<number>((resolve) =>
    child.on('exit', (code) => {
      abort.removeEventListener('abort', stop);
      resolve(code ?? 1);
    }),
  );
}

async function main(): Promise<number> {
  const files = testFiles(process.argv.slice(2));
  if (!(await build({ web: false }))) {
    console.error('test:cluster: dist/ does not build (errors above), so bin/tsf.cjs cannot run; nothing was tested.');
    return 1;
  }
  // Ctrl-C or SIGTERM: the start is abandoned (startCluster stops what it started) or the tests are stopped, and
  // the cluster is stopped and the folder removed below, as after a normal run.
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-test-cluster-'));
  // PostgreSQL runs as the postgres user when we are root: it must be able to enter the folder.
  fs.chmodSync(dataDir, 0o755);
  const runId = randomUUID();
  let code = 1;
  try {
    const port = await findFreeClusterPort();
    const cluster = await startCluster({ dataDir, port, log, signal: abort.signal });
    log(`cluster ready at ${cluster.address} in ${cluster.timings.total} s (${JSON.stringify(cluster.timings)})`);
    const control = await serveClusterControl(cluster);
    let crashed: string | undefined;
    void cluster.failed.then((failure) => {
      crashed = failure;
      log(`a cluster process exited unasked: ${failure}`);
    });
    try {
      const env = {
        ...withoutTemporalSettings(process.env),
        TEMPORAL_CONFIG_FILE: cluster.profileFile,
        TSF_CLUSTER_CONTROL: control.url,
        TSF_TEST_DATA_DIR: dataDir,
        [RUN_VARIABLE]: runId,
      };
      code = abort.signal.aborted ? 1 : await runTests(files, env, abort.signal);
    } finally {
      await control.close();
      await cluster.stop();
    }
    if (crashed) {
      console.error('test:cluster: a process of the cluster exited unasked during the run (above)');
      code = 1;
    }
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    if (!killLeftovers(runId, dataDir)) code = 1;
    if (process.env.TSF_KEEP_CLUSTER_DATA) log(`kept ${dataDir} (TSF_KEEP_CLUSTER_DATA)`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // Nothing printed after the test runner's summary on success: CI reads the closing lines.
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
