/**
 * StartSyncExecution benchmark (issue #14 point 7): an EXPRESS state machine of 3 states (a Task and two Pass
 * states) run with StartSyncExecution through the SDK, against the plain Temporal baseline of a workflow that runs
 * one activity, called with `client.workflow.execute`, on the same server and in the same process (each mode has
 * its own worker here). Prints latency p50/p99 of calls one at a time, and executions per second with 16 in flight,
 * and the ratios (the target: StartSyncExecution p50 at most 1.5 times the baseline's). Modes alternate
 * which goes first in each round. Ratios, not timed assertions: not a test.
 *
 *   npx tsx bench/start-sync.bench.ts [--calls 300] [--rounds 2]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { handlersFrom } from '../activities/handler-registry';
import { StepFunctions } from '../client';
import { connectTemporal } from '../client/connect';
import { connectWorker } from '../worker/connection';
import { createEngineWorker } from '../worker/create-worker';
import { measure, percentile } from './lib/latency';
import { benchServer } from './lib/server';
import { trivialActivities } from './sync/trivial-activities';

const log = (message: string) => console.error(`[sync-bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { calls: { type: 'string', default: '300' }, rounds: { type: 'string', default: '2' } },
  });
  const calls = Number(values.calls);
  const rounds = Number(values.rounds);
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-sync-bench-'));
  const server = await benchServer(path.join(dir, 'server'), log);
  const native = await connectWorker(server.settings);
  const connection = await connectTemporal(server.settings);
  const client = new Client({ connection, namespace: server.namespace });
  const engine = await createEngineWorker({
    connection: native,
    namespace: server.namespace,
    taskQueue: 'sync-bench',
    handlers: handlersFrom({ echo: async (event: unknown) => event }),
  });
  const baseline = await Worker.create({
    connection: native,
    namespace: server.namespace,
    taskQueue: 'sync-bench-baseline',
    workflowsPath: require.resolve('./sync/trivial-workflow'),
    activities: trivialActivities(),
  });
  const running = [engine.run(), baseline.run()];
  try {
    const sfn = new StepFunctions({
      client,
      taskQueue: 'sync-bench',
      scope: { region: 'us-east-1', account: '000000000000' },
    });
    const { stateMachineArn } = await sfn.createStateMachine({
      name: `sync-bench-${Date.now().toString(36)}`,
      type: 'EXPRESS',
      definition: JSON.stringify({
        StartAt: 'Echo',
        States: {
          Echo: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:echo', Next: 'Shape' },
          Shape: { Type: 'Pass', Parameters: { 'echoed.$': '$' }, Next: 'Done' },
          Done: { Type: 'Pass', End: true },
        },
      }),
    });
    let n = 0;
    const modes = {
      StartSyncExecution: async () => {
        const done = await sfn.startSyncExecution({ stateMachineArn, input: '{"order":1}' });
        if (done.status !== 'SUCCEEDED') throw new Error(`StartSyncExecution ended ${done.status}: ${done.cause}`);
      },
      'plain executeWorkflow': () =>
        client.workflow.execute('trivialWorkflow', {
          taskQueue: 'sync-bench-baseline',
          workflowId: `baseline-${Date.now()}-${n++}`,
          args: [{ order: 1 }],
        }),
    };
    // Warm both up (bundles loaded, connections open) before anything is measured.
    for (const call of Object.values(modes)) await measure(call, 20, 4);
    const results: Record<string, { one: number[]; perSecond: number[] }> = {};
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? Object.entries(modes) : Object.entries(modes).reverse();
      for (const [mode, call] of order) {
        const one = await measure(call, calls, 1);
        const many = await measure(call, calls, 16);
        const r = (results[mode] ??= { one: [], perSecond: [] });
        r.one.push(...one.latencies);
        r.perSecond.push(many.perSecond);
        log(
          `round ${round + 1}, ${mode}: p50 ${percentile(one.latencies, 0.5).toFixed(1)} ms, ${many.perSecond.toFixed(0)}/s`,
        );
      }
    }
    console.log(
      `\nStartSyncExecution against a plain workflow with one activity (${calls} calls per mode and round, ${rounds} rounds)\n`,
    );
    console.log('| mode | p50 ms | p99 ms | executions/s (16 in flight) |');
    console.log('| --- | --- | --- | --- |');
    const p50 = (mode: string) =>
      percentile(
        [...results[mode]!.one].sort((a, b) => a - b),
        0.5,
      );
    for (const [mode, r] of Object.entries(results)) {
      const sorted = [...r.one].sort((a, b) => a - b);
      const rate = r.perSecond.reduce((a, b) => a + b, 0) / r.perSecond.length;
      console.log(
        `| ${mode} | ${percentile(sorted, 0.5).toFixed(1)} | ${percentile(sorted, 0.99).toFixed(1)} | ${rate.toFixed(0)} |`,
      );
    }
    console.log(
      `\np50 ratio, StartSyncExecution / plain: ${(p50('StartSyncExecution') / p50('plain executeWorkflow')).toFixed(2)} (target at most 1.5)`,
    );
  } finally {
    engine.shutdown();
    baseline.shutdown();
    await Promise.all(running);
    await connection.close();
    await native.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
