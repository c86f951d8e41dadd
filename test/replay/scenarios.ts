/**
 * Executions whose Temporal histories are recorded into test/replay/histories and replayed on every test run, so
 * that a workflow change that would break running executions fails CI (guard it with patched()).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultStorageDir } from '../../activities/storage';
import type { StepFunctions } from '../../client';

export interface ReplayScenario {
  name: string;
  /** Lowered redrive limits for this scenario's executions (the recorder's client passes them on). */
  redriveLimits?: { redrivablePeriodMs: number; historyEventLimit: number };
  run(sfn: StepFunctions, counterDir: string): Promise<string[]>;
}

const task = (fn: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: `arn:aws:lambda:us-east-1:000000000000:function:${fn}`,
  ...extra,
});

async function createAndRun(sfn: StepFunctions, name: string, definition: unknown, input: unknown) {
  const { stateMachineArn } = await sfn.createStateMachine({ name, definition: JSON.stringify(definition) });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  return { stateMachineArn, executionArn };
}

/** Polls `check` until it returns a value, for at most a minute. */
async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The ARN of the execution's first Map Run, once its MapRunStarted event is written. */
function mapRunOf(sfn: StepFunctions, executionArn: string): Promise<string> {
  return until('MapRunStarted', async () => {
    const { events } = await sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
    const started = events.find((e) => e.type === 'MapRunStarted');
    return (started?.mapRunStartedEventDetails as { mapRunArn?: string } | undefined)?.mapRunArn;
  });
}

/** Waits until the Map Run has ended, then a moment more so that its partitions and children have closed too. */
async function mapRunEnded(sfn: StepFunctions, mapRunArn: string): Promise<void> {
  await until('the Map Run to end', async () =>
    (await sfn.describeMapRun({ mapRunArn })).status === 'RUNNING' ? undefined : true,
  );
  await new Promise((r) => setTimeout(r, 1500));
}

/** Waits until DescribeMapRun's execution counts pass `check`. */
function mapRunCounts(
  sfn: StepFunctions,
  mapRunArn: string,
  what: string,
  check: (counts: { running: number; failed: number }) => boolean,
): Promise<true> {
  return until(what, async () => (check((await sfn.describeMapRun({ mapRunArn })).executionCounts) ? true : undefined));
}

/** The ARN of one child of the Map Run with the given status (visibility may lag a moment). */
function childOf(sfn: StepFunctions, mapRunArn: string, statusFilter: 'SUCCEEDED' | 'ABORTED'): Promise<string> {
  return until(`a ${statusFilter} child`, async () => {
    const { executions } = await sfn.listExecutions({ mapRunArn, statusFilter });
    return executions[0]?.executionArn;
  });
}

/**
 * ItemReader and ResultWriter objects live in the local storage folder the recorder's worker uses (TSF_STORAGE_DIR,
 * else .tsf/storage under the working directory; not an S3 endpoint): buckets are its sub-folders.
 */
function putObject(bucket: string, key: string, body: string): void {
  const file = path.join(defaultStorageDir(), bucket, key);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, body);
}

function makeBucket(bucket: string): void {
  mkdirSync(path.join(defaultStorageDir(), bucket), { recursive: true });
}

const ITEMS_BUCKET = 'tsf-replay-items';
const RESULTS_BUCKET = 'tsf-replay-results';

/** A Distributed Map state whose children run `processor`. */
/** Waits for the first attempt to fail, turns the switch on (the fix), redrives; the execution and its Map Run. */
async function fixAndRedrive(sfn: StepFunctions, executionArn: string, switchFile: string): Promise<string[]> {
  await sfn.waitForExecution({ executionArn });
  writeFileSync(switchFile, 'on');
  await sfn.redriveExecution({ executionArn });
  await sfn.waitForExecution({ executionArn });
  const mapRunArn = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
  return [executionArn, mapRunArn];
}

/** 300 Express items with MaxConcurrency 100: their two partitions cannot run at once. */
function handBackMachine() {
  return {
    StartAt: 'Items',
    States: {
      Items: distributedMap(
        'EXPRESS',
        { StartAt: 'Gate', States: { Gate: task('gated', { End: true }) } },
        { ItemsPath: '$.items', MaxConcurrency: 100, ToleratedFailureCount: 299 },
      ),
    },
  };
}

function distributedMap(
  executionType: 'STANDARD' | 'EXPRESS',
  processor: { StartAt: string; States: Record<string, unknown> },
  map: Record<string, unknown>,
) {
  return {
    Type: 'Map',
    ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType }, ...processor },
    End: true,
    ...map,
  };
}

/** Children that fail (a Fail state) for items with `fail`, and sleep `seconds` in the `slow` handler otherwise. */
const failOrSleep = {
  StartAt: 'Route',
  States: {
    Route: { Type: 'Choice', Choices: [{ Variable: '$.fail', IsPresent: true, Next: 'Boom' }], Default: 'Sleep' },
    Boom: { Type: 'Fail', Error: 'Replay.Bad', Cause: 'a bad item' },
    Sleep: task('slow', { End: true }),
  },
};

const writeResults = (prefix: string) => ({
  ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: RESULTS_BUCKET, Prefix: prefix } },
});

export const scenarios: ReplayScenario[] = [
  {
    name: 'retry-catch-parallel-map',
    async run(sfn, counterDir) {
      const definition = {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Flaky',
                States: {
                  Flaky: task('flaky', {
                    Parameters: { key: 'replay', failTimes: 1, 'counterDir.$': '$.counterDir' },
                    Retry: [{ ErrorEquals: ['FlakyError'], MaxAttempts: 2, IntervalSeconds: 1 }],
                    End: true,
                  }),
                },
              },
              {
                StartAt: 'Items',
                States: {
                  Items: {
                    Type: 'Map',
                    ItemsPath: '$.items',
                    MaxConcurrency: 2,
                    ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
                    ItemProcessor: {
                      StartAt: 'Check',
                      States: {
                        Check: {
                          Type: 'Choice',
                          Choices: [{ Variable: '$.value', NumericGreaterThan: 2, Next: 'TooBig' }],
                          Default: 'Echo',
                        },
                        TooBig: { Type: 'Fail', Error: 'TooBig', Cause: 'item over 2' },
                        Echo: task('identity', { End: true }),
                      },
                    },
                    Catch: [{ ErrorEquals: ['TooBig'], ResultPath: '$.error', Next: 'Waited' }],
                    Next: 'Waited',
                  },
                  Waited: { Type: 'Wait', Seconds: 1, End: true },
                },
              },
            ],
            End: true,
          },
        },
      };
      const { executionArn } = await createAndRun(sfn, 'replay-mixed', definition, { counterDir, items: [1, 2, 3] });
      await sfn.waitForExecution({ executionArn });
      return [executionArn];
    },
  },
  {
    name: 'stop-and-timeout',
    async run(sfn) {
      const definition = { TimeoutSeconds: 2, StartAt: 'Slow', States: { Slow: task('slow', { End: true }) } };
      const timedOut = await createAndRun(sfn, 'replay-timeout', definition, { seconds: 30 });
      const stopped = await sfn.startExecution({ stateMachineArn: timedOut.stateMachineArn, input: '{"seconds":30}' });
      await new Promise((r) => setTimeout(r, 1000));
      await sfn.stopExecution({ executionArn: stopped.executionArn, error: 'Replay.Stop', cause: 'recorded' });
      await sfn.waitForExecution({ executionArn: timedOut.executionArn });
      return [timedOut.executionArn, stopped.executionArn, timedOut.stateMachineArn];
    },
  },
  {
    // A Distributed Map whose Standard child fails until a switch is flipped, then a redrive of the execution:
    // the execution's redrive loop, the Map Run, a partition and both runs of the redriven child are recorded.
    name: 'map-run-redrive',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const definition = {
        StartAt: 'Items',
        States: {
          Items: {
            Type: 'Map',
            ItemsPath: '$.items',
            MaxConcurrency: 2,
            ItemSelector: { 'id.$': '$$.Map.Item.Value', 'switchFile.$': '$.switchFile' },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Gate',
              States: {
                Gate: {
                  Type: 'Task',
                  Resource: 'arn:aws:lambda:us-east-1:000000000000:function:gated',
                  Parameters: { 'key.$': "States.Format('item-{}', $.id)", 'switchFile.$': '$.switchFile' },
                  End: true,
                },
              },
            },
            End: true,
          },
        },
      };
      const { executionArn } = await createAndRun(sfn, 'replay-map-redrive', definition, {
        items: [1, 2, 3],
        switchFile,
      });
      await sfn.waitForExecution({ executionArn });
      writeFileSync(switchFile, 'on');
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      const { mapRuns } = await sfn.listMapRuns({ executionArn });
      const mapRunArn = mapRuns[0]!.mapRunArn;
      const children = await sfn.listExecutions({ mapRunArn });
      return [executionArn, mapRunArn, `${mapRunArn}/p0`, ...children.executions.map((c) => c.executionArn)];
    },
  },
  {
    // A small Express redrive: its state comes with the Map Run's failure and its partitions run inside the Map Run
    // (patches map-run-redrive-state-with-failure and map-run-local-express-redrive).
    name: 'express-redrive-inside-map-run',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const definition = {
        StartAt: 'Items',
        States: {
          Items: distributedMap(
            'EXPRESS',
            { StartAt: 'Gate', States: { Gate: task('gated', { End: true }) } },
            {
              ItemsPath: '$.items',
              ItemSelector: { 'key.$': "States.Format('item-{}', $$.Map.Item.Value)", 'switchFile.$': '$.switchFile' },
              ToleratedFailurePercentage: 50,
            },
          ),
        },
      };
      const { executionArn } = await createAndRun(sfn, 'replay-express-inside', definition, {
        items: Array.from({ length: 300 }, (_, i) => i),
        switchFile,
      });
      return fixAndRedrive(sfn, executionArn, switchFile);
    },
  },
  {
    // The same without an ItemSelector, after patches map-run-local-partitions-at-once (one scope, windows before
    // the start, children built at once) and execution-closed-description-memo (the closed execution's memo).
    name: 'express-redrive-at-once',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const definition = {
        StartAt: 'Items',
        States: {
          Items: distributedMap(
            'EXPRESS',
            { StartAt: 'Gate', States: { Gate: task('gated', { End: true }) } },
            { ItemsPath: '$.items', ToleratedFailurePercentage: 50 },
          ),
        },
      };
      const { executionArn } = await createAndRun(sfn, 'replay-express-at-once', definition, {
        items: Array.from({ length: 300 }, (_, i) => ({ key: `item-${i}`, switchFile })),
      });
      return fixAndRedrive(sfn, executionArn, switchFile);
    },
  },
  {
    // More children than MaxConcurrency, after patch map-run-partitions-hand-back: partition workflows hand back their
    // ended children's slots by signal.
    name: 'partitions-hand-back',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      writeFileSync(switchFile, 'on');
      const { executionArn } = await createAndRun(sfn, 'replay-hand-back', handBackMachine(), {
        items: Array.from({ length: 300 }, (_, i) => ({ key: `item-${i}`, switchFile })),
      });
      await sfn.waitForExecution({ executionArn });
      const mapRunArn = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!.mapRunArn;
      return [executionArn, mapRunArn, `${mapRunArn}/p0`];
    },
  },
  {
    // The same in a redrive run inside its Map Run: its partitions hand back their slots by call.
    name: 'express-redrive-hand-back',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const { executionArn } = await createAndRun(sfn, 'replay-redrive-hand-back', handBackMachine(), {
        items: Array.from({ length: 300 }, (_, i) => ({ key: `item-${i}`, switchFile })),
      });
      return fixAndRedrive(sfn, executionArn, switchFile);
    },
  },
  {
    name: 'state-machine-registry',
    async run(sfn) {
      const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
      const { stateMachineArn } = await sfn.createStateMachine({
        name: 'replay-registry',
        definition: JSON.stringify(definition),
      });
      await sfn.updateStateMachine({ stateMachineArn, roleArn: 'arn:aws:iam::000000000000:role/replay' });
      await sfn.deleteStateMachine({ stateMachineArn });
      return [stateMachineArn];
    },
  },
  {
    // A redrive that re-runs only the failed Parallel branch and Inline Map iteration (patched 'redrive-reruns-failed-branches').
    name: 'redrive-branches',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const counted = { 'counterDir.$': '$.counterDir', 'switchFile.$': '$.switchFile' };
      const definition = {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            End: true,
            Branches: [
              {
                StartAt: 'Ok',
                States: { Ok: task('flaky', { Parameters: { key: 'ok', failTimes: 0, ...counted }, End: true }) },
              },
              {
                StartAt: 'Each',
                States: {
                  Each: {
                    Type: 'Map',
                    ItemsPath: '$.items',
                    MaxConcurrency: 1,
                    ItemSelector: { 'value.$': '$$.Map.Item.Value', ...counted },
                    ItemProcessor: {
                      StartAt: 'Gate',
                      States: {
                        Gate: task('gated', {
                          Parameters: { 'key.$': "States.Format('item-{}', $.value)", ...counted },
                          End: true,
                        }),
                      },
                    },
                    End: true,
                  },
                },
              },
            ],
          },
        },
      };
      const { executionArn } = await createAndRun(sfn, 'replay-redrive-branches', definition, {
        counterDir,
        switchFile,
        items: [1, 2],
      });
      await sfn.waitForExecution({ executionArn });
      writeFileSync(switchFile, 'on');
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      return [executionArn];
    },
  },
  {
    // Roles and policies (patched 'map-run-permissions' and 'map-run-never-started'): a role that may not start the
    // children fails the Map Run before any child, the redrive after the fix starts a new Map Run, a child fails, and
    // the next redrive redrives that Map Run once states:RedriveExecution is granted.
    name: 'map-run-permissions',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const roleName = 'replay-permissions';
      const machine = 'replay-map-permissions';
      const machineArn = `arn:aws:states:us-east-1:000000000000:stateMachine:${machine}`;
      const allow = (Action: string, Resource: string) =>
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });
      await sfn.putRolePolicy({ roleName, policyName: 'describe', policyDocument: allow('states:Describe*', '*') });
      const definition = {
        StartAt: 'Items',
        States: {
          Items: {
            Type: 'Map',
            Label: 'Items',
            ItemsPath: '$.items',
            ItemSelector: { 'id.$': '$$.Map.Item.Value', 'switchFile.$': '$.switchFile' },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Gate',
              States: {
                Gate: task('gated', {
                  Parameters: { 'key.$': "States.Format('item-{}', $.id)", 'switchFile.$': '$.switchFile' },
                  End: true,
                }),
              },
            },
            End: true,
          },
        },
      };
      const { stateMachineArn } = await sfn.createStateMachine({
        name: machine,
        definition: JSON.stringify(definition),
        roleArn: `arn:aws:iam::000000000000:role/${roleName}`,
      });
      const { executionArn } = await sfn.startExecution({
        stateMachineArn,
        input: JSON.stringify({ items: [1, 2], switchFile }),
      });
      await sfn.waitForExecution({ executionArn });
      await sfn.putRolePolicy({
        roleName,
        policyName: 'start',
        policyDocument: allow('states:StartExecution', machineArn),
      });
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      writeFileSync(switchFile, 'on');
      const children = `arn:aws:states:us-east-1:000000000000:execution:${machine}/Items:*`;
      await sfn.putRolePolicy({
        roleName,
        policyName: 'redrive',
        policyDocument: allow('states:RedriveExecution', children),
      });
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      const { mapRuns } = await sfn.listMapRuns({ executionArn });
      const last = mapRuns.at(-1)!.mapRunArn;
      return [
        executionArn,
        ...mapRuns.map((m) => m.mapRunArn),
        `${last}/p0`,
        `arn:aws:iam::000000000000:role/${roleName}`,
      ];
    },
  },
  {
    // ItemReader scans and ResultWriter parts and manifests: a JSON array read for Standard children that all
    // succeed, and JSON Lines read for Express children, one failing within ToleratedFailurePercentage (its record
    // goes to the FAILED file, its failure report to the Map Run).
    name: 'map-run-reader-writer',
    async run(sfn) {
      makeBucket(RESULTS_BUCKET);
      putObject(ITEMS_BUCKET, 'reader-writer/items.json', JSON.stringify([{ n: 1 }, { n: 2 }, { n: 3 }]));
      putObject(ITEMS_BUCKET, 'reader-writer/items.jsonl', '{"seconds":0}\n{"fail":true}\n{"seconds":0}\n');
      const reader = (InputType: string, Key: string) => ({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType },
          Parameters: { Bucket: ITEMS_BUCKET, Key },
        },
      });
      const echo = { StartAt: 'Echo', States: { Echo: task('identity', { End: true }) } };
      const json = await createAndRun(
        sfn,
        'replay-reader-json',
        {
          StartAt: 'Items',
          States: {
            Items: distributedMap('STANDARD', echo, {
              MaxConcurrency: 2,
              ...reader('JSON', 'reader-writer/items.json'),
              ...writeResults('json'),
            }),
          },
        },
        {},
      );
      const jsonl = await createAndRun(
        sfn,
        'replay-reader-jsonl',
        {
          StartAt: 'Items',
          States: {
            Items: distributedMap('EXPRESS', failOrSleep, {
              ToleratedFailurePercentage: 50,
              ...reader('JSONL', 'reader-writer/items.jsonl'),
              ...writeResults('jsonl'),
            }),
          },
        },
        {},
      );
      const ids: string[] = [];
      for (const { executionArn } of [json, jsonl]) {
        await sfn.waitForExecution({ executionArn });
        const mapRunArn = await mapRunOf(sfn, executionArn);
        await mapRunEnded(sfn, mapRunArn);
        ids.push(executionArn, mapRunArn, `${mapRunArn}/p0`);
      }
      return [...ids, await childOf(sfn, ids[1]!, 'SUCCEEDED')];
    },
  },
  {
    // ItemBatcher: CSV rows read by an ItemReader in batches of 2 for Express children, and items of the state
    // input in batches of 2 for Standard children.
    name: 'map-run-item-batcher',
    async run(sfn) {
      putObject(ITEMS_BUCKET, 'batcher/rows.csv', 'id,name\n1,ada\n2,grace\n3,alan\n4,edsger\n5,barbara\n');
      const batcher = { ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { job: 'replay' } } };
      const csv = await createAndRun(
        sfn,
        'replay-batcher-csv',
        {
          StartAt: 'Batches',
          States: {
            Batches: distributedMap(
              'EXPRESS',
              { StartAt: 'Echo', States: { Echo: task('identity', { End: true }) } },
              {
                ...batcher,
                ItemReader: {
                  Resource: 'arn:aws:states:::s3:getObject',
                  ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
                  Parameters: { Bucket: ITEMS_BUCKET, Key: 'batcher/rows.csv' },
                },
              },
            ),
          },
        },
        {},
      );
      const input = await createAndRun(
        sfn,
        'replay-batcher-input',
        {
          StartAt: 'Batches',
          States: {
            Batches: distributedMap(
              'STANDARD',
              { StartAt: 'Batch', States: { Batch: { Type: 'Pass', End: true } } },
              { ...batcher, ItemsPath: '$.items', MaxConcurrency: 2 },
            ),
          },
        },
        { items: [1, 2, 3, 4, 5] },
      );
      const ids: string[] = [];
      for (const { executionArn } of [csv, input]) {
        await sfn.waitForExecution({ executionArn });
        const mapRunArn = await mapRunOf(sfn, executionArn);
        await mapRunEnded(sfn, mapRunArn);
        ids.push(executionArn, mapRunArn, `${mapRunArn}/p0`);
      }
      return [...ids, await childOf(sfn, ids[4]!, 'SUCCEEDED')];
    },
  },
  {
    // UpdateMapRun on a live Map Run: MaxConcurrency 1 -> 3 (the partition is sent its new window and starts more
    // children) and the tolerated failures changed.
    name: 'map-run-update',
    async run(sfn) {
      const { executionArn } = await createAndRun(
        sfn,
        'replay-map-update',
        {
          StartAt: 'Items',
          States: {
            Items: distributedMap('STANDARD', failOrSleep, {
              ItemsPath: '$.items',
              MaxConcurrency: 1,
              ToleratedFailureCount: 1,
            }),
          },
        },
        { items: [{ seconds: 3 }, { seconds: 1 }, { seconds: 1 }, { seconds: 1 }] },
      );
      const mapRunArn = await mapRunOf(sfn, executionArn);
      await mapRunCounts(sfn, mapRunArn, 'one running child', (c) => c.running === 1);
      await sfn.updateMapRun({
        mapRunArn,
        maxConcurrency: 3,
        toleratedFailureCount: 2,
        toleratedFailurePercentage: 50,
      });
      await sfn.waitForExecution({ executionArn });
      await mapRunEnded(sfn, mapRunArn);
      return [executionArn, mapRunArn, `${mapRunArn}/p0`];
    },
  },
  {
    // Tripped tolerated-failure thresholds (States.ExceedToleratedFailureThreshold, running children aborted): by the
    // partition's failure reports (the second one signalled after the report interval), and by an UpdateMapRun that
    // lowers ToleratedFailureCount under the failures already reported.
    name: 'map-run-threshold',
    async run(sfn) {
      const definition = (tolerated: number) => ({
        StartAt: 'Items',
        States: {
          Items: distributedMap('STANDARD', failOrSleep, {
            ItemsPath: '$.items',
            MaxConcurrency: 3,
            ToleratedFailureCount: tolerated,
          }),
        },
      });
      const reported = await createAndRun(sfn, 'replay-threshold-reports', definition(1), {
        items: [{ fail: true }, { seconds: 30 }, { fail: true }, { seconds: 30 }, { seconds: 30 }],
      });
      const reportedMapRun = await mapRunOf(sfn, reported.executionArn);
      await sfn.waitForExecution({ executionArn: reported.executionArn });
      await mapRunEnded(sfn, reportedMapRun);
      const lowered = await createAndRun(sfn, 'replay-threshold-update', definition(5), {
        items: [{ fail: true }, { seconds: 30 }, { seconds: 30 }],
      });
      const loweredMapRun = await mapRunOf(sfn, lowered.executionArn);
      await mapRunCounts(sfn, loweredMapRun, 'a failed child', (c) => c.failed === 1);
      // The partition signals its first failure at once: let it reach the Map Run before the update.
      await new Promise((r) => setTimeout(r, 1000));
      await sfn.updateMapRun({ mapRunArn: loweredMapRun, toleratedFailureCount: 0 });
      await sfn.waitForExecution({ executionArn: lowered.executionArn });
      await mapRunEnded(sfn, loweredMapRun);
      return [
        reported.executionArn,
        reportedMapRun,
        `${reportedMapRun}/p0`,
        await childOf(sfn, reportedMapRun, 'ABORTED'),
        lowered.executionArn,
        loweredMapRun,
        `${loweredMapRun}/p0`,
        await childOf(sfn, loweredMapRun, 'ABORTED'),
      ];
    },
  },
  {
    // Map Runs aborted by their parent (the wind-down): StopExecution while a Standard child runs (it ends ABORTED,
    // the partition that never started writes its items as PENDING records, the manifest is written), and an
    // execution TimeoutSeconds that ends while an Express child runs (awaited, not cancelled).
    name: 'map-run-abort',
    async run(sfn) {
      makeBucket(RESULTS_BUCKET);
      // 251 items make two partitions; MaxConcurrency 1 runs one partition at a time, so the second never starts.
      const stopped = await createAndRun(
        sfn,
        'replay-map-stop',
        {
          StartAt: 'Items',
          States: {
            Items: distributedMap('STANDARD', failOrSleep, {
              ItemsPath: '$.items',
              MaxConcurrency: 1,
              ItemSelector: { seconds: 30, 'index.$': '$$.Map.Item.Index' },
              ...writeResults('stopped'),
            }),
          },
        },
        { items: Array.from({ length: 251 }, (_, i) => i) },
      );
      const stoppedMapRun = await mapRunOf(sfn, stopped.executionArn);
      await mapRunCounts(sfn, stoppedMapRun, 'one running child', (c) => c.running === 1);
      await sfn.stopExecution({ executionArn: stopped.executionArn, error: 'Replay.Stop', cause: 'recorded' });
      await mapRunEnded(sfn, stoppedMapRun);
      const timedOut = await createAndRun(
        sfn,
        'replay-map-timeout',
        {
          TimeoutSeconds: 2,
          StartAt: 'Items',
          States: { Items: distributedMap('EXPRESS', failOrSleep, { ItemsPath: '$.items', MaxConcurrency: 1 }) },
        },
        { items: [{ seconds: 4 }, { seconds: 1 }, { seconds: 1 }] },
      );
      const timedOutMapRun = await mapRunOf(sfn, timedOut.executionArn);
      await sfn.waitForExecution({ executionArn: timedOut.executionArn });
      await mapRunEnded(sfn, timedOutMapRun);
      return [
        stopped.executionArn,
        stoppedMapRun,
        `${stoppedMapRun}/p0`,
        `${stoppedMapRun}/p1`,
        await childOf(sfn, stoppedMapRun, 'ABORTED'),
        timedOut.executionArn,
        timedOutMapRun,
        `${timedOutMapRun}/p0`,
      ];
    },
  },
  {
    // Retry and Catch on Tasks (a Retry with jittered backoff exhausted, then caught; a Task TimeoutSeconds retried,
    // then caught) under an execution TimeoutSeconds whose clock each attempt restarts: the run fails at a closed
    // gate, is redriven once the switch is on, and succeeds.
    name: 'retry-catch-timeout-redrive',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const definition = {
        TimeoutSeconds: 60,
        StartAt: 'Exhausted',
        States: {
          Exhausted: task('flaky', {
            Parameters: { key: 'exhausted', failTimes: 9, 'counterDir.$': '$.counterDir' },
            Retry: [
              {
                ErrorEquals: ['FlakyError'],
                MaxAttempts: 2,
                IntervalSeconds: 1,
                BackoffRate: 1.5,
                JitterStrategy: 'FULL',
              },
            ],
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.caught', Next: 'TooSlow' }],
            Next: 'TooSlow',
          }),
          TooSlow: task('slow', {
            Parameters: { seconds: 5 },
            TimeoutSeconds: 1,
            Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1, IntervalSeconds: 1 }],
            Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'Gate' }],
            Next: 'Gate',
          }),
          Gate: task('gated', { Parameters: { key: 'gate', 'switchFile.$': '$.switchFile' }, End: true }),
        },
      };
      const { executionArn } = await createAndRun(sfn, 'replay-retry-catch-timeout', definition, {
        counterDir,
        switchFile,
      });
      await sfn.waitForExecution({ executionArn });
      writeFileSync(switchFile, 'on');
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      return [executionArn];
    },
  },
  {
    // An execution that reaches the history quota (#13 point 4; 11 events here) fails there.
    name: 'history-quota',
    redriveLimits: { redrivablePeriodMs: 60_000, historyEventLimit: 10 },
    async run(sfn) {
      const names = ['A', 'B', 'C', 'D', 'E', 'F'];
      const passes = Object.fromEntries(
        names.map((name, i) => [name, { Type: 'Pass', ...(names[i + 1] ? { Next: names[i + 1] } : { End: true }) }]),
      );
      const quota = await createAndRun(sfn, 'replay-history-quota', { StartAt: 'A', States: passes }, {});
      await sfn.waitForExecution({ executionArn: quota.executionArn });
      return [quota.executionArn];
    },
  },
  {
    // A Map Run redrive leaves a child past its own redrivable period (#13 point 4; 4 s here) as it is.
    name: 'child-redrivable-period',
    redriveLimits: { redrivablePeriodMs: 4000, historyEventLimit: 24_999 },
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const definition = {
        StartAt: 'Items',
        States: {
          Items: {
            Type: 'Map',
            ToleratedFailureCount: 1,
            ItemSelector: { 'seconds.$': '$$.Map.Item.Value', switchFile },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Work',
              States: {
                Work: task('slow', { Parameters: { 'seconds.$': '$.seconds' }, ResultPath: null, Next: 'Gate' }),
                Gate: task('gated', { Parameters: { key: 'gate', 'switchFile.$': '$.switchFile' }, End: true }),
              },
            },
            End: true,
          },
        },
      };
      // Child 0 fails at once, child 1 after 6 s: redriven at once, child 0 is past its 4 s period.
      const { executionArn } = await createAndRun(sfn, 'replay-child-period', definition, [0, 6]);
      await sfn.waitForExecution({ executionArn });
      writeFileSync(switchFile, 'on');
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      const mapRunArn = await mapRunOf(sfn, executionArn);
      await mapRunEnded(sfn, mapRunArn);
      return [executionArn, mapRunArn, `${mapRunArn}/p0`];
    },
  },
  {
    // Executions that write their logs (#14): a Distributed Map whose Standard child fails until a switch is flipped,
    // then a redrive, with logging ALL (the events go to a sink, the children get the configuration from the Map Run).
    name: 'execution-logs',
    async run(sfn, counterDir) {
      const switchFile = `${counterDir}/switch`;
      const definition = {
        StartAt: 'Items',
        States: {
          Items: {
            Type: 'Map',
            ItemSelector: { 'id.$': '$$.Map.Item.Value', switchFile },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Gate',
              States: {
                Gate: task('gated', {
                  Parameters: { 'key.$': "States.Format('log-{}', $.id)", switchFile },
                  End: true,
                }),
              },
            },
            End: true,
          },
        },
      };
      const logGroupArn = 'arn:aws:logs:us-east-1:000000000000:log-group:replay-execution-logs:*';
      const { stateMachineArn } = await sfn.createStateMachine({
        name: 'replay-execution-logs',
        definition: JSON.stringify(definition),
        loggingConfiguration: {
          level: 'ALL',
          includeExecutionData: true,
          destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }],
        },
      });
      const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify([1, 2]) });
      await sfn.waitForExecution({ executionArn });
      writeFileSync(switchFile, 'on');
      await sfn.redriveExecution({ executionArn });
      await sfn.waitForExecution({ executionArn });
      const { mapRuns } = await sfn.listMapRuns({ executionArn });
      const mapRunArn = mapRuns[0]!.mapRunArn;
      const children = await sfn.listExecutions({ mapRunArn });
      return [executionArn, mapRunArn, `${mapRunArn}/p0`, ...children.executions.map((c) => c.executionArn)];
    },
  },
];
