/**
 * The 1,000-handler check of #12, shared by the dev-server test (test/integration/worker-production.test.ts) and the
 * cluster test (test/cluster/wide-concurrency.test.ts): a Distributed Map of 1,000 EXPRESS items at MaxConcurrency
 * 1,000 whose handler (held-handlers.ts) holds 2 s and counts how many of its calls run at once in its worker.
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import type { StepFunctions } from '../../client';
import { uniqueName } from './engine';
import { tempDir } from './fixtures';
import { readHeldReports, type HeldReport } from './held-reports';
import { pollUntil } from './poll';

export const HELD_HANDLERS = ['test/helpers/held-handlers.ts'];
export const HOLD = 'arn:aws:lambda:us-east-1:000000000000:function:hold';

/** A Distributed Map of children (EXPRESS unless said), each one `hold` Task, at the given MaxConcurrency. */
export function holdMap(maxConcurrency: number, executionType: 'EXPRESS' | 'STANDARD' = 'EXPRESS'): string {
  return JSON.stringify({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: maxConcurrency,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType },
          StartAt: 'Hold',
          States: { Hold: { Type: 'Task', Resource: HOLD, End: true } },
        },
        ResultSelector: { 'count.$': 'States.ArrayLength($)' },
        End: true,
      },
    },
  });
}

export const totalOf = (reports: HeldReport[], key: keyof HeldReport) => reports.reduce((sum, r) => sum + r[key], 0);

/** The reports once `key` adds up to at least `n` over every worker (they are written every 200 ms at most). */
export function heldReportsWhen(reportDir: string, key: keyof HeldReport, n: number) {
  return pollUntil(async () => {
    const reports = readHeldReports(reportDir);
    return totalOf(reports, key) >= n ? reports : undefined;
  }, `${key} to reach ${n}`);
}

export interface WideMapRun {
  /** The most handlers the one worker ran at once. */
  maxRunning: number;
  /** From the first handler's start to the last one's, and from StartExecution to the execution's end (s). */
  spreadSeconds: number;
  seconds: number;
  /** The worker's CPU from the first handler's start to its last report (s). */
  workerCpuSeconds: number;
  /** The one-minute load average and the cores, to read a low count by. */
  load: string;
}

/**
 * Runs the 1,000-item Map Run on the task queue of `sfn`, served by one worker of held-handlers.ts, and checks that
 * it succeeded with each handler called once.
 */
export async function runWideMapRun(sfn: StepFunctions): Promise<WideMapRun> {
  const reportDir = tempDir('wide');
  const items = Array.from({ length: 1000 }, () => ({ ms: 2000, reportDir }));
  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('wide'),
    definition: holdMap(1000),
  });
  const started = Date.now();
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
  const described = await sfn.waitForExecution({ executionArn });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(described.status, 'SUCCEEDED', described.cause);
  const { mapRunArn } = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!;
  const mapRun = await sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.status, 'SUCCEEDED');
  assert.equal(mapRun.executionCounts.succeeded, 1000);

  // The last write of the handler's counters may come just after the Map Run ends.
  const reports = await heldReportsWhen(reportDir, 'finished', 1000);
  assert.equal(reports.length, 1, 'one worker ran the handlers');
  const [report] = reports;
  assert.equal(report!.calls, 1000);
  return {
    maxRunning: report!.maxRunning,
    spreadSeconds: (report!.lastStart - report!.firstStart) / 1000,
    seconds,
    workerCpuSeconds: (report!.cpuMs - report!.cpuMsAtFirstStart) / 1000,
    load: `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`,
  };
}

export function describeWideMapRun(run: WideMapRun): string {
  return (
    `1,000 Express children holding 2 s: ${run.maxRunning} handlers at once, started over ` +
    `${run.spreadSeconds.toFixed(1)} s; the execution took ${run.seconds.toFixed(1)} s; the worker used ` +
    `${run.workerCpuSeconds.toFixed(1)} s of CPU (${run.load})`
  );
}
