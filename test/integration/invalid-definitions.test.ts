/**
 * Every invalid definition of the shared table is refused by CreateStateMachine with InvalidDefinition naming the
 * JSON path of the fault, and none reaches Temporal: no state machine workflow is started for it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { stateMachineArn } from '../../asl/arn';
import { INVALID } from '../fixtures/invalid-definitions';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ worker: false });
});
after(() => engine?.stop());

test(`${INVALID.length} invalid definitions are refused with InvalidDefinition and the fault's path`, async () => {
  assert.ok(INVALID.length >= 40);
  const prefix = uniqueName('invalid');
  for (const [index, [what, definition, path, text]] of INVALID.entries()) {
    const name = `${prefix}-${index}`;
    await assert.rejects(
      engine.sfn.createStateMachine({ name, definition: JSON.stringify(definition) }),
      (error: Error) => {
        assert.equal(error.name, 'InvalidDefinition', what);
        assert.ok(error.message.startsWith('Invalid State Machine Definition: '), what);
        assert.ok(
          error.message.includes(`at ${path}'`) || path === '',
          `${what}: ${error.message} should name ${path}`,
        );
        assert.ok(error.message.includes(text), `${what}: ${error.message} should mention ${text}`);
        return true;
      },
    );
    const arn = stateMachineArn({ region: 'us-east-1', account: '000000000000' }, name);
    await assert.rejects(engine.client.workflow.getHandle(arn).describe(), { name: 'WorkflowNotFoundError' }, what);
  }
});

test('a definition that is not JSON is refused with InvalidDefinition', async () => {
  await assert.rejects(engine.sfn.createStateMachine({ name: uniqueName('notjson'), definition: '{"StartAt":' }), {
    name: 'InvalidDefinition',
    message: /INVALID_JSON_DESCRIPTION/,
  });
});
