/**
 * A Standard Map Run through a crash of the cluster (the history service SIGKILLed, PostgreSQL restarted...): starts
 * it, lets a part of its items succeed, crashes, waits for the execution, and checks what Step Functions guarantees a
 * Standard Map Run:
 *   - exactly once per item: one child execution each, SUCCEEDED, in exactly one SUCCEEDED record of the
 *     ResultWriter; DescribeMapRun's item and execution counts exact (succeeded = total, nothing else), and
 *     ListExecutions lists the same children;
 *   - at least once per Task: a handler that was running when the crash came may run a second time (its attempt's
 *     completion could not be recorded, so it is retried, as a Lambda invocation may be), so each item's handler ran
 *     once or twice, twice for no more items than could run at once (MaxConcurrency), and never again for an item
 *     whose child had SUCCEEDED before the crash.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { MapRunCounts } from '../../messages/map-run-counts';
import type { DescribeExecutionOutput } from '../../messages/responses';
import { callsOf, mapRunOf, succeededAtLeast, workMap } from './cluster';
import { uniqueName, type TestEngine } from './engine';
import { tempDir } from './fixtures';
import { pollUntil } from './poll';

export interface CrashOptions {
  /** The engine's worker must use `storageDir` for its storage. */
  engine: TestEngine;
  storageDir: string;
  items: number;
  maxConcurrency: number;
  /** Seconds each handler call takes. */
  seconds: number;
  /** The crash comes once this share of the items has succeeded. */
  crashAt: number;
  crash(): Promise<void>;
}

export interface CrashReport {
  /** Items that had succeeded when the crash came, and whose handler ran more than once. */
  succeededBeforeCrash: number;
  ranTwice: number;
  crashSeconds: number;
  recoverySeconds: number;
}

const ZERO_COUNTS: MapRunCounts = {
  pending: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total: 0,
  resultsWritten: 0,
  failuresNotRedrivable: 0,
  pendingRedrive: 0,
};

interface ResultRecord {
  Status: string;
  ExecutionArn: string;
  Input: string;
}

function records(storageDir: string, bucket: string, mapRunArn: string): ResultRecord[] {
  const read = (key: string) => JSON.parse(fs.readFileSync(path.join(storageDir, bucket, key), 'utf8'));
  const manifest = read(`out/${mapRunArn.split(':').at(-1)}/manifest.json`);
  assert.deepEqual([manifest.ResultFiles.FAILED, manifest.ResultFiles.PENDING], [[], []], 'nothing FAILED or PENDING');
  return (manifest.ResultFiles.SUCCEEDED as Array<{ Key: string }>).flatMap((file) => read(file.Key));
}

/** Describes the execution until it has left RUNNING; calls that fail while the cluster recovers are retried. */
function settled(engine: TestEngine, executionArn: string): Promise<DescribeExecutionOutput> {
  return pollUntil(
    async () => {
      const described = await engine.sfn.describeExecution({ executionArn }).catch(() => undefined);
      return described && described.status !== 'RUNNING' ? described : undefined;
    },
    `${executionArn} to finish after the crash`,
    300_000,
    500,
  );
}

export async function mapRunThroughCrash(options: CrashOptions): Promise<CrashReport> {
  const { engine, storageDir, items, maxConcurrency } = options;
  const sfn = engine.sfn;
  const bucket = uniqueName('crash');
  const calls = tempDir('crash-calls');
  fs.mkdirSync(path.join(storageDir, bucket), { recursive: true });
  const lines = Array.from({ length: items }, (_, n) => JSON.stringify({ n }));
  fs.writeFileSync(path.join(storageDir, bucket, 'items.jsonl'), `${lines.join('\n')}\n`);
  const definition = workMap({
    maxConcurrency,
    dir: calls,
    seconds: options.seconds,
    itemReader: { bucket, key: 'items.jsonl' },
    resultWriter: { bucket, prefix: 'out' },
  });
  const { stateMachineArn } = await sfn.createStateMachine({ name: uniqueName('crash'), definition });
  const { executionArn } = await sfn.startExecution({ stateMachineArn });
  const mapRunArn = await mapRunOf(sfn, executionArn);

  await succeededAtLeast(sfn, mapRunArn, Math.ceil(items * options.crashAt));
  // Visibility lags behind, never ahead: every child listed SUCCEEDED here had succeeded before the crash.
  const listed = await sfn.listExecutions({ mapRunArn, statusFilter: 'SUCCEEDED', maxResults: 1000 });
  const doneBefore = new Set(listed.executions.map((e) => e.executionArn));
  const crashStarted = Date.now();
  await options.crash();
  const crashed = Date.now();
  const done = await settled(engine, executionArn);
  const recovered = Date.now();
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);

  const mapRun = await sfn.describeMapRun({ mapRunArn });
  assert.equal(mapRun.status, 'SUCCEEDED');
  const exact = { ...ZERO_COUNTS, succeeded: items, total: items, resultsWritten: items };
  assert.deepEqual(mapRun.itemCounts, exact, 'DescribeMapRun itemCounts');
  assert.deepEqual(mapRun.executionCounts, exact, 'DescribeMapRun executionCounts: one child per item');

  const recorded = records(storageDir, bucket, mapRunArn);
  const itemOf = new Map(recorded.map((r) => [r.ExecutionArn, (JSON.parse(r.Input) as { n: number }).n]));
  const times = new Array<number>(items).fill(0);
  for (const record of recorded) times[itemOf.get(record.ExecutionArn)!]! += 1;
  assert.equal(itemOf.size, items, 'one child execution per item');
  assert.deepEqual(
    times.flatMap((count, n) => (count === 1 ? [] : [{ n, count }])),
    [],
    'each item in exactly one SUCCEEDED record',
  );
  const children = await pollUntil(async () => {
    const { executions } = await sfn.listExecutions({ mapRunArn, maxResults: 1000 });
    return executions.length === items && executions.every((e) => e.status === 'SUCCEEDED') ? executions : undefined;
  }, `ListExecutions to list ${items} SUCCEEDED children`);
  assert.deepEqual(new Set(children.map((e) => e.executionArn)), new Set(itemOf.keys()));

  const handlerCalls = callsOf(calls, items).map((pids) => pids.length);
  assert.deepEqual(
    handlerCalls.flatMap((count, n) => (count === 1 || count === 2 ? [] : [{ n, count }])),
    [],
    "each item's handler ran once, or twice if the crash caught it running",
  );
  const twice = handlerCalls.flatMap((count, n) => (count === 2 ? [n] : []));
  assert.ok(twice.length <= maxConcurrency, `${twice.length} handlers ran twice, more than MaxConcurrency`);
  const beforeItems = [...doneBefore].map((arn) => itemOf.get(arn)!);
  assert.deepEqual(
    beforeItems.filter((n) => handlerCalls[n] !== 1),
    [],
    'an item whose child had succeeded before the crash never ran again',
  );
  return {
    succeededBeforeCrash: doneBefore.size,
    ranTwice: twice.length,
    crashSeconds: (crashed - crashStarted) / 1000,
    recoverySeconds: (recovered - crashed) / 1000,
  };
}
