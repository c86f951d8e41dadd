/**
 * Express children's records on the S3 backend (#14 point 1 on a cluster's storage): a real S3-compatible server
 * (versitygw on loopback, as storage-s3.test.ts starts it) holds them, in the bucket the operator created, and
 * ListExecutions(mapRunArn) and DescribeExecution read them back through it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expressChildrenBucket } from '../../activities/express/child-records';
import { startS3Server, type S3Server } from '../../scripts/s3-server';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { expressChildrenListed } from '../helpers/express-children';
import { s3Backend } from '../helpers/storage-backends';

async function priced(input: { price?: number }): Promise<{ total: number }> {
  if (input.price === undefined) {
    const error = new Error('no price');
    error.name = 'MissingPrice';
    throw error;
  }
  return { total: input.price * 2 };
}

let server: S3Server | undefined;
let engine: TestEngine | undefined;
before(
  async () => {
    server = await startS3Server();
    const backend = s3Backend(server);
    await backend.createBucket(expressChildrenBucket());
    engine = await startTestEngine({ handlers: { priced }, storage: backend.storage });
  },
  { timeout: 15 * 60_000 },
);
after(async () => {
  await engine?.stop();
  await server?.stop();
});

test('on S3, Express children are listed by status and described from their records', async () => {
  const { sfn } = engine!;
  const { stateMachineArn } = await sfn.createStateMachine({
    name: uniqueName('s3-children'),
    definition: JSON.stringify({
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          ToleratedFailureCount: 1,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Price',
            States: {
              Price: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:priced', End: true },
            },
          },
          End: true,
        },
      },
    }),
  });
  const input = JSON.stringify([{ price: 1 }, {}, { price: 3 }]);
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input });
  assert.equal((await sfn.waitForExecution({ executionArn })).status, 'SUCCEEDED');
  const { mapRunArn } = (await sfn.listMapRuns({ executionArn })).mapRuns[0]!;

  await expressChildrenListed(sfn, mapRunArn, 2, 'SUCCEEDED');
  const [failed] = await expressChildrenListed(sfn, mapRunArn, 1, 'FAILED');
  const described = await sfn.describeExecution({ executionArn: failed!.executionArn });
  assert.deepEqual(
    [described.status, described.error, described.cause, JSON.parse(described.input), described.mapRunArn],
    ['FAILED', 'MissingPrice', described.cause, {}, mapRunArn],
  );
  assert.match(described.cause ?? '', /no price/);
});
