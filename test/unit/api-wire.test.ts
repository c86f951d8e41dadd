/**
 * The API's wire pieces that need no server: AWS's ValidationException wording for each kind of constraint, epoch
 * seconds for Dates, IAM's XML, and the credentials file (issue #15).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadApiCredentials } from '../../api/credentials';
import { iamErrorReply, iamResultReply } from '../../api/iam-xml';
import { sfnShapes } from '../../api/sfn-shapes';
import { checkRequest } from '../../api/validation';
import { toWireJson } from '../../api/wire-json';

function messageOf(action: keyof typeof sfnShapes, input: unknown) {
  const checked = checkRequest(sfnShapes[action], input, 'ValidationException');
  assert.ok(!checked.ok, 'the request was accepted');
  return checked.failure;
}

test('each kind of constraint is worded as AWS words it', () => {
  assert.deepEqual(messageOf('ListExecutions', { statusFilter: 'DONE' }), {
    name: 'ValidationException',
    message:
      "1 validation error detected: Value 'DONE' at 'statusFilter' failed to satisfy constraint: Member must satisfy " +
      'enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]',
  });
  assert.equal(
    messageOf('StartExecution', { stateMachineArn: 'arn', name: 'n'.repeat(81) }).message,
    `1 validation error detected: Value '${'n'.repeat(81)}' at 'name' failed to satisfy constraint: Member must have ` +
      'length less than or equal to 80',
  );
  assert.equal(
    messageOf('UpdateMapRun', { mapRunArn: 'arn', toleratedFailurePercentage: 101 }).message,
    "1 validation error detected: Value '101' at 'toleratedFailurePercentage' failed to satisfy constraint: Member " +
      'must have value less than or equal to 100',
  );
  assert.equal(
    messageOf('CreateStateMachine', { definition: '{}' }).message,
    "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
      "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
  );
});

test('a member of the wrong JSON type is a SerializationException', () => {
  assert.equal(messageOf('DescribeExecution', { executionArn: 42 }).name, 'SerializationException');
  assert.equal(messageOf('DescribeExecution', [1]).name, 'SerializationException');
});

test('Dates go out as epoch seconds, nested ones too; undefined members are left out', () => {
  assert.deepEqual(
    toWireJson({ startDate: new Date(1700000000123), events: [{ timestamp: new Date(1000) }], stopDate: undefined }),
    { startDate: 1700000000.123, events: [{ timestamp: 1 }] },
  );
});

test("IAM's answers: the Result element, ResponseMetadata, and ErrorResponse with its Type by status", () => {
  const ok = iamResultReply('ListRolePolicies', 'req-1', { PolicyNames: { member: ['a', 'b&c'] }, IsTruncated: false });
  assert.equal(
    ok.body,
    '<ListRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolePoliciesResult>' +
      '<PolicyNames><member>a</member><member>b&amp;c</member></PolicyNames><IsTruncated>false</IsTruncated>' +
      '</ListRolePoliciesResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>' +
      '</ListRolePoliciesResponse>',
  );
  const missing = iamErrorReply('NoSuchEntity', 'The role policy with name p cannot be found.', 'req-2');
  assert.equal(missing.status, 404);
  assert.match(missing.body, /<Error><Type>Sender<\/Type><Code>NoSuchEntity<\/Code><Message>The role policy/);
  assert.equal(iamErrorReply('ServiceFailure', 'boom', 'req-3').status, 500);
  assert.match(iamErrorReply('ServiceFailure', 'boom', 'req-3').body, /<Type>Receiver<\/Type>/);
});

test('the credentials file: every profile with both keys; a half profile or an empty file is an error', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsf-api-credentials-'));
  const file = path.join(dir, 'credentials');
  fs.writeFileSync(
    file,
    '[a]\naws_access_key_id = A\naws_secret_access_key = sa\n[b]\naws_access_key_id=B\naws_secret_access_key=sb\n',
  );
  assert.deepEqual(
    [...(await loadApiCredentials(file))],
    [
      ['A', 'sa'],
      ['B', 'sb'],
    ],
  );
  fs.writeFileSync(file, '[a]\naws_access_key_id = A\n');
  await assert.rejects(loadApiCredentials(file), /\[a\] needs both aws_access_key_id and aws_secret_access_key/);
  fs.writeFileSync(file, '');
  await assert.rejects(loadApiCredentials(file), /holds no aws_access_key_id/);
  await assert.rejects(
    loadApiCredentials(path.join(dir, 'absent')),
    /TSF_API_CREDENTIALS_FILE: cannot read .*absent \(ENOENT\)/,
  );
});
