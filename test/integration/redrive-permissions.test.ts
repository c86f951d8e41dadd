/**
 * Roles and permissions with redrive (issue #4 items 6, 7 and 9), on a real dev server:
 * - a role that cannot read the item bucket fails the Map Run with States.ItemReaderFailed before any child starts;
 *   a redrive before the policy is fixed fails the same way; after `tsf put-role-policy` grants s3:GetObject, the
 *   redrive starts a new Map Run that reads the object as it is now (likewise after a malformed file is fixed);
 * - a Map Run whose children had started redrives with its first attempt's items, though the object changed;
 * - the redrive documentation's least-privilege policy lets a Map Run redrive its Standard children, and without
 *   states:RedriveExecution those child redrives fail with an error that says so;
 * - a role that may not write the results fails with States.ResultWriterFailed and writes nothing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { runTsf } from '../helpers/processes';

let engine: TestEngine;
const storageDir = tempDir('redrive-permissions');
const BUCKET = 'perm-items';
before(async () => {
  // Buckets must exist, as in S3.
  fs.mkdirSync(path.join(storageDir, BUCKET), { recursive: true });
  fs.mkdirSync(path.join(storageDir, 'perm-results'), { recursive: true });
  engine = await startTestEngine({ handlers, storageDir });
});
after(() => engine?.stop());

const ACCOUNT = '000000000000';
const fn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const stateMachineArnOf = (name: string) => `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${name}`;

function putObject(key: string, body: unknown): void {
  fs.writeFileSync(path.join(storageDir, BUCKET, key), JSON.stringify(body));
}

/** What a role needs to run a Distributed Map at all (the Distributed Map IAM example), without any S3 access. */
function runPolicy(machine: string) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [stateMachineArnOf(machine)] },
      {
        Effect: 'Allow',
        Action: ['states:DescribeExecution', 'states:StopExecution'],
        Resource: `arn:aws:states:us-east-1:${ACCOUNT}:execution:${machine}:*`,
      },
    ],
  });
}

/** Each child runs the `gated` handler on its item (fails while the item's switch file is off). */
function gatedProcessor(executionType: 'STANDARD' | 'EXPRESS') {
  return {
    ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType },
    StartAt: 'Work',
    States: {
      Work: {
        Type: 'Task',
        Resource: fn('gated'),
        Parameters: { 'key.$': '$.id', 'switchFile.$': '$.switchFile', 'counterDir.$': '$.counterDir' },
        End: true,
      },
    },
  };
}

/** A Distributed Map over a JSON file; each child runs the `gated` handler (fails while its switch is off). */
function readerMachine(executionType: 'STANDARD' | 'EXPRESS', extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        Label: 'Items',
        MaxConcurrency: 5,
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: { Bucket: BUCKET, 'Key.$': '$.key' },
        },
        ItemProcessor: gatedProcessor(executionType),
        End: true,
        ...extra,
      },
    },
  });
}

async function mapRunsOf(executionArn: string) {
  const { mapRuns } = await engine.sfn.listMapRuns({ executionArn });
  return mapRuns;
}

/** The Map Run the execution's latest attempt ran: its last MapRunStarted or MapRunRedriven event. */
async function lastMapRunEvent(executionArn: string) {
  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000, reverseOrder: true });
  const event = events.find((e) => e.type === 'MapRunStarted' || e.type === 'MapRunRedriven')!;
  const details = (event.mapRunStartedEventDetails ?? event.mapRunRedrivenEventDetails) as { mapRunArn: string };
  return { type: event.type, mapRunArn: details.mapRunArn };
}

async function tsfOk(args: string[]) {
  const result = await runTsf(args, { TSF_TASK_QUEUE: engine.taskQueue });
  assert.equal(result.code, 0, `tsf ${args[0]} failed: ${result.stderr}`);
  return result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
}

describe('a role that cannot read the item bucket (never started, then fixed)', () => {
  test('fails before any child, fails again on redrive, and after put-role-policy reads the object as it is now', async () => {
    const dir = tempDir('perm-reader');
    const counterDir = path.join(dir, 'calls');
    const on = path.join(dir, 'on');
    fs.writeFileSync(on, 'on');
    const key = `${uniqueName('items')}.json`;
    const first = ['a', 'b', 'c'].map((id) => ({ id, switchFile: on, counterDir }));
    putObject(key, first);

    const machine = uniqueName('perm-reader');
    const roleName = uniqueName('reader-role');
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/${roleName}`;
    // The role has a policy (so it is enforced), but nothing in it lets it read the bucket.
    await engine.sfn.putRolePolicy({ roleName, policyName: 'run-map', policyDocument: runPolicy(machine) });
    const { stateMachineArn } = await engine.sfn.createStateMachine({
      name: machine,
      definition: readerMachine('STANDARD'),
      roleArn,
    });
    const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ key }) });

    const failed = await engine.sfn.waitForExecution({ executionArn });
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.error, 'States.ItemReaderFailed');
    const resource = `arn:aws:s3:::${BUCKET}/${key}`;
    assert.equal(
      failed.cause,
      `User: ${roleArn} is not authorized to perform: s3:GetObject on resource: ${resource} ` +
        'because no identity-based policy allows the s3:GetObject action',
    );
    assert.equal(failed.redriveStatus, 'REDRIVABLE');
    const firstRun = await lastMapRunEvent(executionArn);
    const described = await engine.sfn.describeMapRun({ mapRunArn: firstRun.mapRunArn });
    assert.equal(described.status, 'FAILED');
    assert.equal(described.itemCounts.total, 0);
    assert.equal(described.executionCounts.total, 0);
    assert.deepEqual((await engine.sfn.listExecutions({ mapRunArn: firstRun.mapRunArn })).executions, []);
    assert.equal(callCount(counterDir, 'a') + callCount(counterDir, 'b') + callCount(counterDir, 'c'), 0);

    // Redriven before the role is fixed: a new Map Run is attempted and fails the same way.
    await engine.sfn.redriveExecution({ executionArn });
    const again = await engine.sfn.waitForExecution({ executionArn });
    assert.equal(again.status, 'FAILED');
    assert.equal(again.redriveCount, 1);
    assert.equal(again.error, failed.error);
    assert.equal(again.cause, failed.cause);
    const secondRun = await lastMapRunEvent(executionArn);
    assert.equal(secondRun.type, 'MapRunStarted', 'a Map Run that never started is started anew, not redriven');
    assert.notEqual(secondRun.mapRunArn, firstRun.mapRunArn);
    assert.equal((await mapRunsOf(executionArn)).length, 2);

    // The object changes, then the role is given read access with the real CLI.
    const now = ['w', 'x', 'y', 'z'].map((id) => ({ id, switchFile: on, counterDir }));
    putObject(key, now);
    const policyFile = path.join(dir, 'read-items.json');
    const readPolicy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }],
    };
    fs.writeFileSync(policyFile, JSON.stringify(readPolicy));
    await tsfOk([
      'put-role-policy',
      '--role-name',
      roleName,
      '--policy-name',
      'read-items',
      '--policy-document',
      `file://${policyFile}`,
    ]);
    const got = await tsfOk(['get-role-policy', '--role-name', roleName, '--policy-name', 'read-items']);
    assert.deepEqual(JSON.parse(got.policyDocument), readPolicy);

    await engine.sfn.redriveExecution({ executionArn });
    const done = await engine.sfn.waitForExecution({ executionArn });
    assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
    assert.equal(done.redriveCount, 2);
    assert.deepEqual(
      JSON.parse(done.output!).map((r: { key: string }) => r.key),
      ['w', 'x', 'y', 'z'],
      'the items of the object as it is now',
    );
    const thirdRun = await lastMapRunEvent(executionArn);
    assert.equal(thirdRun.type, 'MapRunStarted');
    assert.equal((await mapRunsOf(executionArn)).length, 3);
    const mapRun = await engine.sfn.describeMapRun({ mapRunArn: thirdRun.mapRunArn });
    assert.equal(mapRun.itemCounts.succeeded, 4);
    assert.equal(mapRun.redriveCount, 0, 'started for the first time');
    assert.deepEqual(
      ['a', 'b', 'c', 'w', 'x', 'y', 'z'].map((id) => callCount(counterDir, id)),
      [0, 0, 0, 1, 1, 1, 1],
    );
  });
});

test('a malformed item file fails before any child; fixed, the redrive starts a new Map Run that reads it', async () => {
  const dir = tempDir('perm-malformed');
  const counterDir = path.join(dir, 'calls');
  const on = path.join(dir, 'on');
  fs.writeFileSync(on, 'on');
  const key = `${uniqueName('malformed')}.json`;
  putObject(key, { not: 'an array' });
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('perm-malformed'),
    definition: readerMachine('EXPRESS'),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ key }) });
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.error, 'States.ItemReaderFailed');
  assert.equal(failed.cause, 'Attempting to map over non-iterable node.');
  const firstRun = await lastMapRunEvent(executionArn);

  putObject(key, [{ id: 'fixed', switchFile: on, counterDir }]);
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.deepEqual(
    JSON.parse(done.output!).map((r: { key: string }) => r.key),
    ['fixed'],
  );
  const secondRun = await lastMapRunEvent(executionArn);
  assert.equal(secondRun.type, 'MapRunStarted');
  assert.notEqual(secondRun.mapRunArn, firstRun.mapRunArn);
  assert.equal(callCount(counterDir, 'fixed'), 1);
});

describe('a Map Run whose children had started (the first attempt items are kept)', () => {
  for (const executionType of ['EXPRESS', 'STANDARD'] as const) {
    test(`${executionType}: the redrive runs the first attempt's items though the object has changed`, async () => {
      const dir = tempDir(`perm-kept-${executionType}`);
      const counterDir = path.join(dir, 'calls');
      const on = path.join(dir, 'on');
      const later = path.join(dir, 'later');
      fs.writeFileSync(on, 'on');
      const key = `${uniqueName('kept')}.json`;
      putObject(key, [
        { id: 'a', switchFile: on, counterDir },
        { id: 'b', switchFile: later, counterDir },
        { id: 'c', switchFile: on, counterDir },
      ]);
      const { stateMachineArn } = await engine.sfn.createStateMachine({
        name: uniqueName(`perm-kept-${executionType}`),
        definition: readerMachine(executionType),
      });
      const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ key }) });
      const failed = await engine.sfn.waitForExecution({ executionArn });
      assert.equal(failed.status, 'FAILED');
      assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
      const firstRun = await lastMapRunEvent(executionArn);

      // Another file under the same key: other items, and more of them.
      putObject(
        key,
        ['p', 'q', 'r', 's', 't'].map((id) => ({ id, switchFile: on, counterDir })),
      );
      fs.writeFileSync(later, 'fixed');
      await engine.sfn.redriveExecution({ executionArn });
      const done = await engine.sfn.waitForExecution({ executionArn });
      assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
      assert.deepEqual(
        JSON.parse(done.output!).map((r: { key: string }) => r.key),
        ['a', 'b', 'c'],
      );
      const redriven = await lastMapRunEvent(executionArn);
      assert.deepEqual(redriven, { type: 'MapRunRedriven', mapRunArn: firstRun.mapRunArn });
      const mapRun = await engine.sfn.describeMapRun({ mapRunArn: firstRun.mapRunArn });
      assert.equal(mapRun.itemCounts.total, 3);
      assert.equal(mapRun.itemCounts.succeeded, 3);
      assert.deepEqual(
        ['a', 'b', 'c', 'p', 'q', 'r', 's', 't'].map((id) => callCount(counterDir, id)),
        [1, 2, 1, 0, 0, 0, 0, 0],
      );
    });
  }
});

describe('redriving Standard children needs states:RedriveExecution', () => {
  /** Items from the state input, Standard children, the `gated` handler failing for item 1 until switched on. */
  async function failedExecution(policies: Record<string, string>, machine: string, dir: string) {
    const roleName = uniqueName('redrive-role');
    for (const [policyName, policyDocument] of Object.entries(policies)) {
      await engine.sfn.putRolePolicy({
        roleName,
        policyName,
        policyDocument: policyDocument.replace('MACHINE', machine),
      });
    }
    const on = path.join(dir, 'on');
    const later = path.join(dir, 'later');
    fs.writeFileSync(on, 'on');
    const counterDir = path.join(dir, 'calls');
    const items = [0, 1, 2].map((n) => ({ id: `item-${n}`, switchFile: n === 1 ? later : on, counterDir }));
    const definition = {
      StartAt: 'Items',
      States: {
        Items: {
          Type: 'Map',
          Label: 'Items',
          ItemsPath: '$.items',
          ItemProcessor: gatedProcessor('STANDARD'),
          End: true,
        },
      },
    };
    const { stateMachineArn } = await engine.sfn.createStateMachine({
      name: machine,
      definition: JSON.stringify(definition),
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
    });
    const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ items }) });
    const failed = await engine.sfn.waitForExecution({ executionArn });
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.error, 'States.ExceedToleratedFailureThreshold');
    fs.writeFileSync(later, 'fixed');
    const { mapRunArn } = await lastMapRunEvent(executionArn);
    return { roleName, executionArn, mapRunArn, counterDir };
  }

  /** The least-privilege policy of "Redriving Map Runs" (IAM permissions), for the labelled children. */
  const redrivePolicy = (machine: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['states:RedriveExecution'],
          Resource: `arn:aws:states:us-east-1:${ACCOUNT}:execution:${machine}/Items:*`,
        },
      ],
    });

  async function failedChildren(mapRunArn: string) {
    const { executions } = await engine.sfn.listExecutions({ mapRunArn, statusFilter: 'FAILED' });
    return executions;
  }

  test('with the documented least-privilege policy the failed children are redriven', async () => {
    const machine = uniqueName('perm-redrive');
    const { executionArn, mapRunArn, counterDir } = await failedExecution(
      { 'run-map': runPolicy(machine), 'redrive-map-run': redrivePolicy(machine) },
      machine,
      tempDir('perm-redrive-ok'),
    );
    const [child] = await failedChildren(mapRunArn);
    assert.ok(child);
    await engine.sfn.redriveExecution({ executionArn });
    const done = await engine.sfn.waitForExecution({ executionArn });
    assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
    const redrivenChild = await engine.sfn.describeExecution({ executionArn: child.executionArn });
    assert.equal(redrivenChild.status, 'SUCCEEDED');
    assert.equal(redrivenChild.redriveCount, 1);
    assert.deepEqual(
      [0, 1, 2].map((n) => callCount(counterDir, `item-${n}`)),
      [1, 2, 1],
    );
  });

  test('without it the child redrives fail with an error naming the action, and succeed once it is granted', async () => {
    const machine = uniqueName('perm-noredrive');
    const { roleName, executionArn, mapRunArn, counterDir } = await failedExecution(
      { 'run-map': runPolicy(machine) },
      machine,
      tempDir('perm-redrive-denied'),
    );
    const [child] = await failedChildren(mapRunArn);
    assert.ok(child);

    await engine.sfn.redriveExecution({ executionArn });
    const denied = await engine.sfn.waitForExecution({ executionArn });
    assert.equal(denied.status, 'FAILED');
    assert.equal(denied.error, 'States.Permissions');
    assert.equal(
      denied.cause,
      `User: arn:aws:iam::${ACCOUNT}:role/${roleName} is not authorized to perform: states:RedriveExecution on ` +
        `resource: arn:aws:states:us-east-1:${ACCOUNT}:execution:${machine}/Items:* ` +
        'because no identity-based policy allows the states:RedriveExecution action',
    );
    const stillFailed = await engine.sfn.describeExecution({ executionArn: child.executionArn });
    assert.equal(stillFailed.status, 'FAILED');
    assert.equal(stillFailed.redriveCount, 0, 'the child was not redriven');
    const mapRun = await engine.sfn.describeMapRun({ mapRunArn });
    assert.equal(mapRun.status, 'FAILED');
    assert.equal(mapRun.redriveCount, 1);
    assert.equal(mapRun.itemCounts.succeeded, 2);
    assert.equal(mapRun.itemCounts.failed, 1);
    assert.equal(callCount(counterDir, 'item-1'), 1);

    await engine.sfn.putRolePolicy({ roleName, policyName: 'redrive-map-run', policyDocument: redrivePolicy(machine) });
    await engine.sfn.redriveExecution({ executionArn });
    const done = await engine.sfn.waitForExecution({ executionArn });
    assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
    assert.deepEqual(await lastMapRunEvent(executionArn), { type: 'MapRunRedriven', mapRunArn });
    assert.equal((await engine.sfn.describeMapRun({ mapRunArn })).redriveCount, 2);
    const redrivenChild = await engine.sfn.describeExecution({ executionArn: child.executionArn });
    assert.equal(redrivenChild.status, 'SUCCEEDED');
    assert.equal(redrivenChild.redriveCount, 1);
    assert.deepEqual(
      [0, 1, 2].map((n) => callCount(counterDir, `item-${n}`)),
      [1, 2, 1],
    );
  });
});

/** The role's storage policy: everything on both buckets, or with writes to the results denied. */
function storagePolicy(denyResultWrites: boolean): string {
  return JSON.stringify({
    Statement: [
      { Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::${BUCKET}/*` },
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::perm-results/*' },
      // An explicit Deny wins over the Allow above.
      ...(denyResultWrites
        ? [{ Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::perm-results/*' }]
        : []),
    ],
  });
}

test('a role that may not write the results fails with States.ResultWriterFailed before any child, writing nothing; fixed, the redrive writes', async () => {
  const dir = tempDir('perm-writer');
  const counterDir = path.join(dir, 'calls');
  const on = path.join(dir, 'on');
  fs.writeFileSync(on, 'on');
  const key = `${uniqueName('write')}.json`;
  putObject(key, [{ id: 'only', switchFile: on, counterDir }]);
  const machine = uniqueName('perm-writer');
  const roleName = uniqueName('writer-role');
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/${roleName}`;
  await engine.sfn.putRolePolicy({ roleName, policyName: 'run-map', policyDocument: runPolicy(machine) });
  await engine.sfn.putRolePolicy({ roleName, policyName: 'read-only', policyDocument: storagePolicy(true) });
  const definition = readerMachine('STANDARD', {
    ResultWriter: {
      Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { Bucket: 'perm-results', Prefix: machine },
    },
  });
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: machine, definition, roleArn });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify({ key }) });
  const failed = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(failed.status, 'FAILED');
  assert.equal(failed.error, 'States.ResultWriterFailed');
  assert.equal(
    failed.cause,
    `User: ${roleArn} is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::perm-results/${machine}/* ` +
      'with an explicit deny in an identity-based policy',
  );
  assert.equal(callCount(counterDir, 'only'), 0);
  assert.equal(fs.existsSync(path.join(storageDir, 'perm-results', machine)), false, 'no result file written');

  // The role fixed (the Deny taken out), the redrive runs the child and writes its results.
  await engine.sfn.putRolePolicy({ roleName, policyName: 'read-only', policyDocument: storagePolicy(false) });
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED', `${done.error}: ${done.cause}`);
  assert.equal(callCount(counterDir, 'only'), 1);
  const { ResultWriterDetails } = JSON.parse(done.output!) as { ResultWriterDetails: { Key: string } };
  const manifest = JSON.parse(fs.readFileSync(path.join(storageDir, 'perm-results', ResultWriterDetails.Key), 'utf8'));
  assert.equal(manifest.ResultFiles.SUCCEEDED.length, 1, 'the redrive wrote the result');
});
