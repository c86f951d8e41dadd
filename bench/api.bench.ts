/**
 * HTTP API benchmark (issue #15): DescribeExecution and StartExecution through `tsf api` (a process of its own,
 * called with `@aws-sdk/client-sfn`, as a user's code calls it) against the same calls through the SDK in process,
 * with 1 and 32 concurrent clients. Prints p50 and p90 latencies and the HTTP/SDK ratio of the p50s (the issue's
 * target: at most 1.2). Modes alternate which goes first in each round. Ratios, not timed assertions: not a test.
 *
 *   npx tsx bench/api.bench.ts [--calls 400] [--rounds 2]
 *
 * Starts its own dev server unless a Temporal profile names a server (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE or
 * TEMPORAL_ADDRESS); the worker runs in this process.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startApiServer } from '../api/api-server';
import { StepFunctions } from '../client';
import { connectTemporal } from '../client/connect';
import { connectWorker } from '../worker/connection';
import { createEngineWorker } from '../worker/create-worker';
import { measure, percentile } from './lib/latency';
import { benchServer } from './lib/server';

const log = (message: string) => console.error(`[api-bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const root = path.resolve(__dirname, '..');

type Call = () => Promise<unknown>;

/** `tsf api` from the sources, on a free port, for `taskQueue`; resolves with its URL. */
async function startApiProcess(env: NodeJS.ProcessEnv) {
  const script = "require('./cli/main').main(['node', 'tsf', 'api', '--port', '0'], 'bench')";
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, env, stdio: 'pipe' });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /APIs at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`tsf api exited with ${code}:\n${output}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/**
 * The API's own cost, without Temporal: an API server in this process over a stub that answers DescribeExecution at
 * once, called one at a time with @aws-sdk/client-sfn. Its p50 is what HTTP, SigV4 signing, the protocol and the
 * AWS SDK's parsing add to a call.
 */
async function protocolOverhead(calls: number): Promise<number[]> {
  const now = new Date();
  const described = { executionArn: 'arn:aws:states:us-east-1:000000000000:execution:m:e', status: 'SUCCEEDED' };
  const stub = { describeExecution: async () => ({ ...described, startDate: now, stopDate: now, redriveCount: 0 }) };
  const api = await startApiServer({ sfn: stub as unknown as StepFunctions, host: '127.0.0.1', port: 0 });
  const aws = new SFNClient({
    endpoint: api.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
  });
  try {
    const call = () => aws.send(new DescribeExecutionCommand({ executionArn: described.executionArn }));
    await measure(call, 100, 1);
    return (await measure(call, calls, 1)).latencies;
  } finally {
    aws.destroy();
    await api.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { calls: { type: 'string', default: '400' }, rounds: { type: 'string', default: '2' } },
  });
  const calls = Number(values.calls);
  const rounds = Number(values.rounds);
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-api-bench-'));
  const server = await benchServer(path.join(dir, 'server'), log);
  const native = await connectWorker(server.settings);
  const connection = await connectTemporal(server.settings);
  const client = new Client({ connection, namespace: server.namespace });
  const taskQueue = 'api-bench';
  const worker = await createEngineWorker({
    connection: native,
    namespace: server.namespace,
    taskQueue,
    handlers: new Map(),
  });
  const running = worker.run();
  const api = await startApiProcess({
    ...process.env,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: server.namespace,
    TSF_TASK_QUEUE: taskQueue,
  });
  const aws = new SFNClient({
    endpoint: api.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  try {
    const sfn = new StepFunctions({ client, taskQueue, scope: { region: 'us-east-1', account: '000000000000' } });
    const { stateMachineArn } = await sfn.createStateMachine({
      name: `api-bench-${Date.now().toString(36)}`,
      definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
    });
    const { executionArn } = await sfn.startExecution({ stateMachineArn, input: '{"n":1}' });
    await sfn.waitForExecution({ executionArn });
    const modes: Record<string, Record<string, Call>> = {
      sdk: {
        DescribeExecution: () => sfn.describeExecution({ executionArn }),
        StartExecution: () => sfn.startExecution({ stateMachineArn, input: '{}' }),
      },
      http: {
        DescribeExecution: () => aws.send(new DescribeExecutionCommand({ executionArn })),
        StartExecution: () => aws.send(new StartExecutionCommand({ stateMachineArn, input: '{}' })),
      },
    };
    // Warm both paths (connections, JIT) before anything is timed.
    for (const mode of Object.values(modes)) await measure(mode.DescribeExecution!, 50, 8);
    const rows: string[] = [];
    for (const action of ['DescribeExecution', 'StartExecution']) {
      for (const clients of [1, 32]) {
        const results: Record<string, number[]> = { sdk: [], http: [] };
        for (let round = 0; round < rounds; round++) {
          const order = round % 2 === 0 ? ['sdk', 'http'] : ['http', 'sdk'];
          for (const mode of order)
            results[mode]!.push(...(await measure(modes[mode]![action]!, calls, clients)).latencies);
        }
        const [sdk, http] = [results.sdk!.sort((a, b) => a - b), results.http!.sort((a, b) => a - b)];
        const row =
          `| ${action} | ${clients} | ${percentile(sdk, 0.5).toFixed(2)} | ${percentile(http, 0.5).toFixed(2)} | ` +
          `${(percentile(http, 0.5) / percentile(sdk, 0.5)).toFixed(2)} | ${percentile(sdk, 0.9).toFixed(2)} | ` +
          `${percentile(http, 0.9).toFixed(2)} |`;
        log(row);
        rows.push(row);
      }
    }
    const overhead = await protocolOverhead(calls);
    const shown = `p50 ${percentile(overhead, 0.5).toFixed(2)} ms, p90 ${percentile(overhead, 0.9).toFixed(2)} ms`;
    console.log(`\nThe API's own cost (a stubbed SDK, one client): ${shown}`);
    console.log(`\n${calls} calls per mode per round, ${rounds} rounds; latencies in ms\n`);
    console.log('| action | clients | SDK p50 | HTTP p50 | HTTP/SDK p50 | SDK p90 | HTTP p90 |');
    console.log('|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    aws.destroy();
    api.stop();
    worker.shutdown();
    await running;
    await connection.close();
    await native.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
