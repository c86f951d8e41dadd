/**
 * loggingConfiguration's rules (sfn-spec §14.2), checked without a server: defaults, the one destination whose ARN
 * ends in `:*`, a destination whenever the level is not OFF, and the field named when one is broken.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLogGroupArn } from '../../activities/logs/log-group-arn';
import { InvalidLoggingConfiguration } from '../../client/errors';
import { checkLoggingConfiguration, loggingConfigurationOf } from '../../client/logging-configuration';

const ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:my-group:*';
const destinations = [{ cloudWatchLogsLogGroup: { logGroupArn: ARN } }];

function refusal(input: unknown): string {
  try {
    checkLoggingConfiguration(input);
  } catch (error) {
    assert.ok(error instanceof InvalidLoggingConfiguration);
    assert.equal(error.name, 'InvalidLoggingConfiguration');
    return error.message;
  }
  assert.fail(`accepted ${JSON.stringify(input)}`);
}

describe('loggingConfiguration', () => {
  test('defaults: level OFF, includeExecutionData false, no destination', () => {
    assert.deepEqual(checkLoggingConfiguration({}), { level: 'OFF', includeExecutionData: false });
    assert.deepEqual(loggingConfigurationOf({}), { level: 'OFF', includeExecutionData: false });
  });

  test('a level with its destination is kept as given', () => {
    for (const level of ['ALL', 'ERROR', 'FATAL'] as const) {
      assert.deepEqual(checkLoggingConfiguration({ level, includeExecutionData: true, destinations }), {
        level,
        includeExecutionData: true,
        destinations,
      });
    }
    // OFF may keep a destination (logging paused), as Step Functions allows.
    assert.deepEqual(checkLoggingConfiguration({ level: 'OFF', destinations }).destinations, destinations);
  });

  test('each fault names its field', () => {
    assert.equal(
      refusal({ level: 'ALL' }),
      'Invalid Logging Configuration: loggingConfiguration.destinations: a log group destination is required when level is ALL',
    );
    assert.match(refusal({ level: 'ALL', destinations: [] }), /loggingConfiguration\.destinations: .*required/);
    assert.match(
      refusal({ level: 'ALL', destinations: [...destinations, ...destinations] }),
      /^Invalid Logging Configuration: loggingConfiguration\.destinations: at most one destination/,
    );
    assert.match(
      refusal({ level: 'ERROR', destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: ARN.slice(0, -2) } }] }),
      /loggingConfiguration\.destinations\.0\.cloudWatchLogsLogGroup\.logGroupArn: a log group ARN must end in ':\*'/,
    );
    assert.match(
      refusal({ level: 'VERBOSE', destinations }),
      /^Invalid Logging Configuration: loggingConfiguration\.level: /,
    );
    assert.match(refusal({ includeExecutionData: 'yes' }), /loggingConfiguration\.includeExecutionData: /);
    assert.match(
      refusal({ level: 'ALL', destinations: [{}] }),
      /loggingConfiguration\.destinations\.0\.cloudWatchLogsLogGroup: /,
    );
    assert.match(refusal({ levl: 'ALL' }), /loggingConfiguration: .*levl/);
  });

  test('log group ARNs: region, account, name and the :* suffix', () => {
    assert.deepEqual(parseLogGroupArn(ARN), { region: 'us-east-1', account: '123456789012', logGroupName: 'my-group' });
    assert.deepEqual(parseLogGroupArn('arn:aws:logs:eu-west-2:000000000000:log-group:/aws/vendedlogs/states/x:*'), {
      region: 'eu-west-2',
      account: '000000000000',
      logGroupName: '/aws/vendedlogs/states/x',
    });
    for (const bad of [
      'arn:aws:logs:us-east-1:123456789012:log-group:my-group',
      'arn:aws:logs:us-east-1:1234:log-group:my-group:*',
      'arn:aws:s3:::bucket:*',
      'arn:aws:logs:us-east-1:123456789012:log-group:bad name:*',
    ]) {
      assert.ok('problem' in parseLogGroupArn(bad), bad);
    }
  });
});
