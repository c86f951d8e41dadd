/**
 * Issue #15, acceptance 3: each error our SDK throws arrives in `@aws-sdk/client-sfn` as that SDK's own exception
 * class of the same name, with our message and the modelled HTTP status. Also the protocol's own errors: a request
 * that breaks the model (ValidationException in AWS's words), an action we do not have (UnknownOperationException),
 * a body over the size limit, and IAM's ErrorResponse.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetRolePolicyCommand, NoSuchEntityException } from '@aws-sdk/client-iam';
import type { SFNServiceException } from '@aws-sdk/client-sfn';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ExecutionNotRedrivable,
  InvalidArn,
  InvalidDefinition,
  InvalidExecutionInput,
  InvalidName,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  RedriveExecutionCommand,
  ResourceNotFound,
  StartExecutionCommand,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  StateMachineTypeNotSupported,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { useTestApi } from '../helpers/api-server';
import { uniqueName } from '../helpers/engine';
import { stateMachineArnOf } from '../helpers/fixtures';

const t = useTestApi();

const PASS = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const ROLE = 'arn:aws:iam::000000000000:role/temporal-step-functions-unrestricted';

async function failureOf(call: () => Promise<unknown>): Promise<Error> {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  assert.fail('the call succeeded');
}

async function passMachine(): Promise<string> {
  const created = await t.engine.sfn.createStateMachine({ name: uniqueName('api-err'), definition: PASS });
  return created.stateMachineArn;
}

type Case = {
  name: string;
  exception: new (...args: never[]) => SFNServiceException;
  status: number;
  /** The same request, through our SDK and through the AWS SDK. */
  calls(): Promise<{ ours: () => Promise<unknown>; aws: () => Promise<unknown> }>;
};

const cases: Case[] = [
  {
    name: 'StateMachineDoesNotExist',
    exception: StateMachineDoesNotExist,
    status: 400,
    calls: async () => {
      const stateMachineArn = stateMachineArnOf(uniqueName('absent'));
      return {
        ours: () => t.engine.sfn.describeStateMachine({ stateMachineArn }),
        aws: () => t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn })),
      };
    },
  },
  {
    name: 'ExecutionDoesNotExist',
    exception: ExecutionDoesNotExist,
    status: 400,
    calls: async () => {
      const executionArn = `arn:aws:states:us-east-1:000000000000:execution:${uniqueName('m')}:absent`;
      return {
        ours: () => t.engine.sfn.describeExecution({ executionArn }),
        aws: () => t.sfn.send(new DescribeExecutionCommand({ executionArn })),
      };
    },
  },
  {
    name: 'InvalidArn',
    exception: InvalidArn,
    status: 400,
    calls: async () => ({
      ours: () => t.engine.sfn.describeExecution({ executionArn: 'not-an-arn' }),
      aws: () => t.sfn.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' })),
    }),
  },
  {
    name: 'InvalidDefinition',
    exception: InvalidDefinition,
    status: 400,
    calls: async () => {
      const request = { name: uniqueName('bad'), definition: '{"StartAt":"Nowhere","States":{}}', roleArn: ROLE };
      return {
        ours: () => t.engine.sfn.createStateMachine(request),
        aws: () => t.sfn.send(new CreateStateMachineCommand(request)),
      };
    },
  },
  {
    name: 'InvalidName',
    exception: InvalidName,
    status: 400,
    calls: async () => {
      const request = { name: 'no spaces allowed', definition: PASS, roleArn: ROLE };
      return {
        ours: () => t.engine.sfn.createStateMachine(request),
        aws: () => t.sfn.send(new CreateStateMachineCommand(request)),
      };
    },
  },
  {
    name: 'StateMachineTypeNotSupported',
    exception: StateMachineTypeNotSupported,
    status: 400,
    calls: async () => {
      // Step Functions keeps no list of an Express state machine's executions.
      const request = { name: uniqueName('express'), definition: PASS, roleArn: ROLE, type: 'EXPRESS' as const };
      const { stateMachineArn } = await t.engine.sfn.createStateMachine(request);
      return {
        ours: () => t.engine.sfn.listExecutions({ stateMachineArn }),
        aws: () => t.sfn.send(new ListExecutionsCommand({ stateMachineArn })),
      };
    },
  },
  {
    name: 'StateMachineAlreadyExists',
    exception: StateMachineAlreadyExists,
    status: 400,
    calls: async () => {
      const name = uniqueName('twice');
      await t.engine.sfn.createStateMachine({ name, definition: PASS });
      const other = JSON.stringify({ StartAt: 'Q', States: { Q: { Type: 'Pass', End: true } } });
      return {
        ours: () => t.engine.sfn.createStateMachine({ name, definition: other }),
        aws: () => t.sfn.send(new CreateStateMachineCommand({ name, definition: other, roleArn: ROLE })),
      };
    },
  },
  {
    name: 'ExecutionAlreadyExists',
    exception: ExecutionAlreadyExists,
    status: 400,
    calls: async () => {
      const stateMachineArn = await passMachine();
      const name = uniqueName('run');
      const { executionArn } = await t.engine.sfn.startExecution({ stateMachineArn, name, input: '{"a":1}' });
      await t.engine.sfn.waitForExecution({ executionArn });
      return {
        ours: () => t.engine.sfn.startExecution({ stateMachineArn, name, input: '{"a":2}' }),
        aws: () => t.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: '{"a":2}' })),
      };
    },
  },
  {
    name: 'InvalidExecutionInput',
    exception: InvalidExecutionInput,
    status: 400,
    calls: async () => {
      const stateMachineArn = await passMachine();
      return {
        ours: () => t.engine.sfn.startExecution({ stateMachineArn, input: '{not json' }),
        aws: () => t.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{not json' })),
      };
    },
  },
  {
    name: 'InvalidToken',
    exception: InvalidToken,
    status: 400,
    calls: async () => ({
      ours: () => t.engine.sfn.listStateMachines({ nextToken: 'not-a-token' }),
      aws: () => t.sfn.send(new ListStateMachinesCommand({ nextToken: 'not-a-token' })),
    }),
  },
  {
    name: 'ResourceNotFound',
    exception: ResourceNotFound,
    status: 404,
    calls: async () => {
      const mapRunArn = `arn:aws:states:us-east-1:000000000000:mapRun:${uniqueName('m')}/Map:absent`;
      return {
        ours: () => t.engine.sfn.describeMapRun({ mapRunArn }),
        aws: () => t.sfn.send(new DescribeMapRunCommand({ mapRunArn })),
      };
    },
  },
  {
    name: 'ExecutionNotRedrivable',
    exception: ExecutionNotRedrivable,
    status: 400,
    calls: async () => {
      const stateMachineArn = await passMachine();
      const { executionArn } = await t.engine.sfn.startExecution({ stateMachineArn });
      await t.engine.sfn.waitForExecution({ executionArn });
      return {
        ours: () => t.engine.sfn.redriveExecution({ executionArn }),
        aws: () => t.sfn.send(new RedriveExecutionCommand({ executionArn })),
      };
    },
  },
];

describe('each SDK error arrives in @aws-sdk/client-sfn as its own exception class, with our message', () => {
  for (const { name, exception, status, calls } of cases) {
    test(name, async () => {
      const { ours, aws } = await calls();
      const ourError = await failureOf(ours);
      assert.equal(ourError.name, name, ourError.message);
      const awsError = await failureOf(aws);
      assert.ok(awsError instanceof exception, `${awsError.name} is not the SDK's ${name} class`);
      assert.equal(awsError.name, name);
      assert.equal(awsError.message, ourError.message);
      assert.equal((awsError as SFNServiceException).$metadata.httpStatusCode, status);
    });
  }
});

describe("the protocol's own errors", () => {
  test('a missing required member is a ValidationException in AWS words', async () => {
    const error = await failureOf(() => t.sfn.send(new DescribeExecutionCommand({} as { executionArn: string })));
    assert.ok(error instanceof ValidationException);
    assert.equal(
      error.message,
      "1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null",
    );
  });

  test('several broken constraints are counted and listed', async () => {
    const error = await failureOf(() => t.sfn.send(new ListStateMachinesCommand({ maxResults: 1001, nextToken: '' })));
    assert.ok(error instanceof ValidationException);
    assert.equal(
      error.message,
      "2 validation errors detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have " +
        "value less than or equal to 1000; Value '' at 'nextToken' failed to satisfy constraint: Member must have " +
        'length greater than or equal to 1',
    );
  });

  test('an action we do not have is UnknownOperationException, naming it', async () => {
    const response = await fetch(t.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.CreateActivity' },
      body: '{"name":"a"}',
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    assert.deepEqual(await response.json(), {
      __type: 'UnknownOperationException',
      message: 'Operation AWSStepFunctions.CreateActivity is not supported.',
    });
  });

  test('a body over 1 MiB is refused by its declared length, before it is read', async () => {
    const response = await fetch(t.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartExecution' },
      body: JSON.stringify({ stateMachineArn: 'x', input: 'x'.repeat(1024 * 1024) }),
    });
    assert.equal(response.status, 413);
    assert.equal(response.headers.get('x-amzn-errortype'), 'RequestEntityTooLargeException');
  });

  test("IAM's errors come back as its ErrorResponse, read by the AWS SDK's IAM client", async () => {
    const request = { RoleName: uniqueName('no-policy-role'), PolicyName: 'absent' };
    const ours = await failureOf(() =>
      t.engine.sfn.getRolePolicy({ roleName: request.RoleName, policyName: 'absent' }),
    );
    const error = await failureOf(() => t.iam.send(new GetRolePolicyCommand(request)));
    assert.ok(error instanceof NoSuchEntityException);
    assert.equal(error.message, ours.message);
    assert.equal(error.$metadata.httpStatusCode, 404);
  });
});
