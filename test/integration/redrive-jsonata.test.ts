/**
 * A redrive of a JSONata execution re-runs the failed state with the variables it saw the first time (issue #6).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { callCount } from '../../examples/call-counter';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

test('the redriven state sees the variables assigned before the failure', async () => {
  const dir = tempDir('redrive-jsonata');
  const definition = JSON.stringify({
    QueryLanguage: 'JSONata',
    StartAt: 'Remember',
    States: {
      Remember: {
        Type: 'Pass',
        Assign: { customer: '{% $states.input.customer %}', attempt: '{% $states.context.Execution.RedriveCount %}' },
        Next: 'Charge',
      },
      Charge: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:000000000000:function:gated',
        Arguments: {
          key: '{% "charge-" & $customer %}',
          switchFile: '{% $states.input.switchFile %}',
          counterDir: '{% $states.input.counterDir %}',
        },
        Output: {
          customer: '{% $customer %}',
          assignedOnAttempt: '{% $attempt %}',
          charged: '{% $states.result.key %}',
        },
        End: true,
      },
    },
  });
  const input = { customer: 'ada', switchFile: path.join(dir, 'switch'), counterDir: path.join(dir, 'calls') };
  const { stateMachineArn } = await engine.sfn.createStateMachine({ name: uniqueName('jsonata-redrive'), definition });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'FAILED');

  fs.writeFileSync(input.switchFile, 'on');
  await engine.sfn.redriveExecution({ executionArn });
  const done = await engine.sfn.waitForExecution({ executionArn });
  assert.equal(done.status, 'SUCCEEDED');
  // Remember is not run again: $attempt still holds the redrive count it saw before the failure (0).
  assert.deepEqual(JSON.parse(done.output!), { customer: 'ada', assignedOnAttempt: 0, charged: 'charge-ada' });
  assert.equal(callCount(input.counterDir, 'charge-ada'), 2);
});
