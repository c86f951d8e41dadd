/**
 * The policy document checker and the pure evaluator (iam/): wildcards, explicit Deny wins, implicit deny,
 * one-or-many fields, and bad documents refused with the path of the bad field.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluate, wildcardMatches } from '../../iam/evaluate';
import { parsePolicyDocument, PolicyDocumentError } from '../../iam/policy-document';
import { deniedMessage, parseRoleArn, roleActorId } from '../../iam/roles';

const policy = (...statements: object[]) =>
  parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
const allow = (Action: string | string[], Resource: string | string[]) => ({ Effect: 'Allow', Action, Resource });
const deny = (Action: string | string[], Resource: string | string[]) => ({ Effect: 'Deny', Action, Resource });
const getObject = (resource: string) => ({ action: 's3:GetObject', resource });

describe('wildcards', () => {
  test('* matches any run of characters, also none and across : and /', () => {
    assert.ok(wildcardMatches('arn:aws:s3:::items/*', 'arn:aws:s3:::items/a/b/c.json'));
    assert.ok(wildcardMatches('arn:aws:s3:::items/*', 'arn:aws:s3:::items/'));
    assert.ok(
      wildcardMatches('arn:aws:states:*:*:execution:m/label:*', 'arn:aws:states:us-east-1:1:execution:m/label:x'),
    );
    assert.ok(wildcardMatches('*', 'anything at all'));
    assert.ok(!wildcardMatches('arn:aws:s3:::items/*', 'arn:aws:s3:::items'));
    assert.ok(!wildcardMatches('arn:aws:s3:::items/*', 'arn:aws:s3:::items-other/a'));
  });

  test('? matches exactly one character', () => {
    assert.ok(wildcardMatches('arn:aws:s3:::b/file-?.json', 'arn:aws:s3:::b/file-1.json'));
    assert.ok(!wildcardMatches('arn:aws:s3:::b/file-?.json', 'arn:aws:s3:::b/file-10.json'));
    assert.ok(!wildcardMatches('arn:aws:s3:::b/file-?.json', 'arn:aws:s3:::b/file-.json'));
  });

  test('regular-expression characters in a pattern are literal', () => {
    assert.ok(wildcardMatches('arn:aws:s3:::b/a+b(1).json', 'arn:aws:s3:::b/a+b(1).json'));
    assert.ok(!wildcardMatches('arn:aws:s3:::b/a.json', 'arn:aws:s3:::b/aXjson'));
  });

  test('actions compare case-insensitively, resources case-sensitively', () => {
    const p = policy(allow('S3:getobject', 'arn:aws:s3:::Items/*'));
    assert.equal(evaluate([p], getObject('arn:aws:s3:::Items/a')), 'ALLOW');
    assert.equal(evaluate([p], getObject('arn:aws:s3:::items/a')), 'IMPLICIT_DENY');
  });
});

describe('evaluation', () => {
  test('a matching Allow allows; nothing matching is an implicit deny', () => {
    const p = policy(allow('s3:GetObject', 'arn:aws:s3:::items/*'));
    assert.equal(evaluate([p], getObject('arn:aws:s3:::items/in.json')), 'ALLOW');
    assert.equal(evaluate([p], getObject('arn:aws:s3:::other/in.json')), 'IMPLICIT_DENY');
    assert.equal(evaluate([p], { action: 's3:PutObject', resource: 'arn:aws:s3:::items/in.json' }), 'IMPLICIT_DENY');
    assert.equal(evaluate([], getObject('arn:aws:s3:::items/in.json')), 'IMPLICIT_DENY');
  });

  test('an explicit Deny wins over any Allow, in the same policy or another one', () => {
    const open = policy(allow('*', '*'));
    const closed = policy(deny('s3:Get*', 'arn:aws:s3:::items/secret/*'));
    assert.equal(evaluate([open, closed], getObject('arn:aws:s3:::items/secret/a')), 'EXPLICIT_DENY');
    assert.equal(evaluate([closed, open], getObject('arn:aws:s3:::items/secret/a')), 'EXPLICIT_DENY');
    assert.equal(evaluate([open, closed], getObject('arn:aws:s3:::items/public/a')), 'ALLOW');
    const both = policy(allow('s3:GetObject', '*'), deny('s3:GetObject', 'arn:aws:s3:::items/x'));
    assert.equal(evaluate([both], getObject('arn:aws:s3:::items/x')), 'EXPLICIT_DENY');
  });

  test('Action and Resource lists match when any entry matches', () => {
    const p = policy(
      allow(['s3:ListBucket', 's3:GetObject'], ['arn:aws:s3:::a', 'arn:aws:s3:::a/*', 'arn:aws:s3:::b/*']),
    );
    assert.equal(evaluate([p], getObject('arn:aws:s3:::b/k')), 'ALLOW');
    assert.equal(evaluate([p], { action: 's3:ListBucket', resource: 'arn:aws:s3:::a' }), 'ALLOW');
    assert.equal(evaluate([p], getObject('arn:aws:s3:::c/k')), 'IMPLICIT_DENY');
  });

  test('action wildcards: service:* and s3:Get*', () => {
    const p = policy(allow('states:*', '*'), allow('s3:Get*', '*'));
    assert.equal(evaluate([p], { action: 'states:RedriveExecution', resource: 'arn:x' }), 'ALLOW');
    assert.equal(evaluate([p], getObject('arn:x')), 'ALLOW');
    assert.equal(evaluate([p], { action: 's3:PutObject', resource: 'arn:x' }), 'IMPLICIT_DENY');
  });

  test('the least-privilege redrive policy of the documentation covers the labelled children', () => {
    const p = policy(
      allow(
        'states:RedriveExecution',
        'arn:aws:states:us-east-2:123456789012:execution:myStateMachine/myMapRunLabel:*',
      ),
    );
    const child = 'arn:aws:states:us-east-2:123456789012:execution:myStateMachine/myMapRunLabel:*';
    assert.equal(evaluate([p], { action: 'states:RedriveExecution', resource: child }), 'ALLOW');
    const other = 'arn:aws:states:us-east-2:123456789012:execution:myStateMachine/otherLabel:*';
    assert.equal(evaluate([p], { action: 'states:RedriveExecution', resource: other }), 'IMPLICIT_DENY');
  });
});

describe('policy documents', () => {
  test('a single Statement object and single strings are accepted like lists', () => {
    const p = parsePolicyDocument(
      JSON.stringify({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } }),
    );
    assert.deepEqual(p, {
      statements: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }],
    });
  });

  const refused: Array<[string, unknown, string]> = [
    ['a bad Effect', { Statement: [{ Effect: 'Allowed', Action: '*', Resource: '*' }] }, 'Statement[0].Effect'],
    ['a missing Action', { Statement: [{ Effect: 'Allow', Resource: '*' }] }, 'Statement[0].Action'],
    [
      'a non-string in an Action list',
      { Statement: [allow('*', '*'), { Effect: 'Allow', Action: ['s3:GetObject', 3], Resource: '*' }] },
      'Statement[1].Action[1]',
    ],
    ['an action without service', { Statement: [allow('GetObject', '*')] }, 'Statement[0].Action'],
    ['a resource that is not an ARN', { Statement: [allow('*', 'items/*')] }, 'Statement[0].Resource'],
    ['an empty Resource list', { Statement: [allow('*', [])] }, 'Statement[0].Resource'],
    ['an empty Statement list', { Statement: [] }, 'Statement'],
    ['no Statement', { Version: '2012-10-17' }, 'Statement'],
    ['an unknown Version', { Version: '2020-01-01', Statement: [allow('*', '*')] }, 'Version'],
    [
      'an unsupported field',
      { Statement: [{ ...allow('*', '*'), Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] },
      'Statement[0].Condition',
    ],
  ];
  for (const [what, document, field] of refused) {
    test(`${what} is refused naming ${field}`, () => {
      assert.throws(
        () => parsePolicyDocument(JSON.stringify(document)),
        (error: unknown) => {
          assert.ok(error instanceof PolicyDocumentError);
          assert.equal(error.field, field);
          assert.ok(error.message.startsWith(`${field}: `), error.message);
          return true;
        },
      );
    });
  }

  test('text that is not JSON is refused as such', () => {
    assert.throws(() => parsePolicyDocument('{"Statement": '), /The policy document is not valid JSON/);
  });
});

describe('roles', () => {
  test('a role ARN with a path names the role by its last segment', () => {
    assert.deepEqual(parseRoleArn('arn:aws:iam::123456789012:role/service-role/Reader'), {
      account: '123456789012',
      roleName: 'Reader',
    });
    assert.equal(
      roleActorId('arn:aws:iam::123456789012:role/service-role/Reader'),
      'arn:aws:iam::123456789012:role/Reader',
    );
    assert.equal(parseRoleArn('snf_role_arn'), undefined);
  });

  test('a denial names the role, the action, the resource and why', () => {
    const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::items/in.json' };
    assert.equal(
      deniedMessage('arn:aws:iam::000000000000:role/R', request, 'IMPLICIT_DENY'),
      'User: arn:aws:iam::000000000000:role/R is not authorized to perform: s3:GetObject on resource: ' +
        'arn:aws:s3:::items/in.json because no identity-based policy allows the s3:GetObject action',
    );
    assert.match(deniedMessage('arn:aws:iam::000000000000:role/R', request, 'EXPLICIT_DENY'), /with an explicit deny/);
  });
});
