/**
 * PutRolePolicy, GetRolePolicy, DeleteRolePolicy and ListRolePolicies through the SDK and the `tsf` CLI: the role
 * actor keeps the documents, bad documents are refused naming the field, and errors carry IAM's names.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { runTsf } from '../helpers/processes';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine();
});
after(() => engine?.stop());

const readItems = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::items/*' }],
};
const startChildren = {
  Statement: { Effect: 'Allow', Action: 'states:StartExecution', Resource: '*' },
};

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected the call to be refused');
}

describe('SDK', () => {
  test('put, get, list, replace and delete inline policies', async () => {
    const roleName = uniqueName('sdk-role');
    assert.deepEqual(await engine.sfn.listRolePolicies({ roleName }), { policyNames: [], isTruncated: false });

    await engine.sfn.putRolePolicy({ roleName, policyName: 'read', policyDocument: JSON.stringify(readItems) });
    await engine.sfn.putRolePolicy({ roleName, policyName: 'start', policyDocument: JSON.stringify(startChildren) });
    const got = await engine.sfn.getRolePolicy({ roleName, policyName: 'read' });
    assert.deepEqual(got, { roleName, policyName: 'read', policyDocument: JSON.stringify(readItems) });
    assert.deepEqual((await engine.sfn.listRolePolicies({ roleName })).policyNames, ['read', 'start']);

    // Putting a policy under an existing name replaces it.
    const wider = { ...readItems, Statement: [{ ...readItems.Statement[0], Resource: '*' }] };
    await engine.sfn.putRolePolicy({ roleName, policyName: 'read', policyDocument: JSON.stringify(wider) });
    assert.deepEqual(
      JSON.parse((await engine.sfn.getRolePolicy({ roleName, policyName: 'read' })).policyDocument),
      wider,
    );

    assert.deepEqual(await engine.sfn.deleteRolePolicy({ roleName, policyName: 'read' }), {});
    assert.deepEqual((await engine.sfn.listRolePolicies({ roleName })).policyNames, ['start']);
    const gone = await rejection(engine.sfn.getRolePolicy({ roleName, policyName: 'read' }));
    assert.equal(gone.name, 'NoSuchEntity');
    assert.match(gone.message, /The role policy with name read cannot be found/);
  });

  test('unknown roles and policies are NoSuchEntity', async () => {
    const roleName = uniqueName('nobody');
    const calls = [
      () => engine.sfn.getRolePolicy({ roleName, policyName: 'p' }),
      () => engine.sfn.deleteRolePolicy({ roleName, policyName: 'p' }),
    ];
    for (const call of calls) {
      const error = await rejection(call());
      assert.equal(error.name, 'NoSuchEntity');
      assert.equal(error.message, `The role policy with name p cannot be found. (role ${roleName})`);
    }
  });

  test('a bad document is MalformedPolicyDocument naming the field, and nothing is stored', async () => {
    const roleName = uniqueName('bad-doc');
    const cases: Array<[unknown, RegExp]> = [
      [
        { Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] },
        /^Statement\[0\]\.Effect: must be "Allow" or "Deny"$/,
      ],
      [{ Statement: [{ Effect: 'Allow', Resource: '*' }] }, /^Statement\[0\]\.Action: is required$/],
      [
        { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'GetObject'], Resource: '*' }] },
        /^Statement\[0\]\.Action\[1\]: must be "\*" or "<service>:<action>"/,
      ],
      [
        { Statement: [{ Effect: 'Allow', Action: '*', Resource: 'bucket/*' }] },
        /^Statement\[0\]\.Resource: must be "\*" or an ARN/,
      ],
    ];
    for (const [document, message] of cases) {
      const error = await rejection(
        engine.sfn.putRolePolicy({ roleName, policyName: 'p', policyDocument: JSON.stringify(document) }),
      );
      assert.equal(error.name, 'MalformedPolicyDocument');
      assert.match(error.message, message);
    }
    const notJson = await rejection(engine.sfn.putRolePolicy({ roleName, policyName: 'p', policyDocument: '{' }));
    assert.equal(notJson.name, 'MalformedPolicyDocument');
    assert.deepEqual((await engine.sfn.listRolePolicies({ roleName })).policyNames, []);
  });

  test('bad names are ValidationError; the unrestricted default role takes no policy', async () => {
    const badRole = await rejection(
      engine.sfn.putRolePolicy({ roleName: 'no spaces', policyName: 'p', policyDocument: JSON.stringify(readItems) }),
    );
    assert.equal(badRole.name, 'ValidationError');
    assert.match(badRole.message, /'roleName'/);
    const badPolicy = await rejection(engine.sfn.getRolePolicy({ roleName: 'r', policyName: 'a/b' }));
    assert.equal(badPolicy.name, 'ValidationError');
    assert.match(badPolicy.message, /'policyName'/);
    const protectedRole = await rejection(
      engine.sfn.putRolePolicy({
        roleName: 'temporal-step-functions-unrestricted',
        policyName: 'p',
        policyDocument: JSON.stringify(readItems),
      }),
    );
    assert.equal(protectedRole.name, 'UnmodifiableEntity');
  });
});

describe('tsf', () => {
  const env = () => ({ TSF_TASK_QUEUE: engine.taskQueue });

  test('put-role-policy from a file, get-role-policy, list-role-policies, delete-role-policy', async () => {
    const roleName = uniqueName('cli-role');
    const file = path.join(tempDir('cli-policy'), 'policy.json');
    fs.writeFileSync(file, JSON.stringify(readItems, null, 2));
    const put = await runTsf(
      ['put-role-policy', '--role-name', roleName, '--policy-name', 'read', '--policy-document', `file://${file}`],
      env(),
    );
    assert.equal(put.code, 0, put.stderr);
    // Inline JSON works as well.
    const inline = await runTsf(
      [
        'put-role-policy',
        '--role-name',
        roleName,
        '--policy-name',
        'start',
        '--policy-document',
        JSON.stringify(startChildren),
      ],
      env(),
    );
    assert.equal(inline.code, 0, inline.stderr);

    const got = await runTsf(['get-role-policy', '--role-name', roleName, '--policy-name', 'read'], env());
    assert.equal(got.code, 0, got.stderr);
    const printed = JSON.parse(got.stdout);
    assert.equal(printed.roleName, roleName);
    assert.equal(printed.policyName, 'read');
    assert.deepEqual(JSON.parse(printed.policyDocument), readItems);

    const listed = await runTsf(['list-role-policies', '--role-name', roleName], env());
    assert.deepEqual(JSON.parse(listed.stdout).policyNames, ['read', 'start']);

    const deleted = await runTsf(['delete-role-policy', '--role-name', roleName, '--policy-name', 'read'], env());
    assert.equal(deleted.code, 0, deleted.stderr);
    const again = await runTsf(['delete-role-policy', '--role-name', roleName, '--policy-name', 'read'], env());
    assert.equal(again.code, 1);
    assert.equal(
      again.stderr.trim(),
      `NoSuchEntity: The role policy with name read cannot be found. (role ${roleName})`,
    );
  });

  test('a bad document prints MalformedPolicyDocument with the field and exits 1', async () => {
    const bad = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Maybe' }] };
    const result = await runTsf(
      [
        'put-role-policy',
        '--role-name',
        uniqueName('cli-bad'),
        '--policy-name',
        'p',
        '--policy-document',
        JSON.stringify(bad),
      ],
      env(),
    );
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim(), 'MalformedPolicyDocument: Statement[1].Effect: must be "Allow" or "Deny"');
  });
});
