/**
 * The JSONata and variables table (test/fixtures/jsonata-cases.ts) against a real dev server: every definition
 * is created through the SDK and run to its end; output, or error and cause, and any history check must hold.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as handlers from '../../examples/handlers';
import type { Json } from '../../asl/json';
import { JSONATA_CASES, type JsonataCase } from '../fixtures/jsonata-cases';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers });
});
after(() => engine?.stop());

function detailsOf(event: Record<string, unknown>): Record<string, unknown> | undefined {
  const member = Object.keys(event).find((key) => key.endsWith('EventDetails'));
  return member ? (event[member] as Record<string, unknown>) : undefined;
}

async function run(row: JsonataCase) {
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('jsonata'),
    definition: JSON.stringify(row.definition),
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: JSON.stringify(row.input ?? {}) });
  const described = await engine.sfn.waitForExecution({ executionArn });
  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  const list = events as unknown as Record<string, unknown>[];
  const history = {
    types: list.map((e) => e.type as string),
    details: (type: string, nth = 0) => {
      const event = list.filter((e) => e.type === type)[nth];
      return event ? detailsOf(event) : undefined;
    },
  };
  return { described, history };
}

for (const row of JSONATA_CASES) {
  test(row.name, async () => {
    const { described, history } = await run(row);
    if (row.error !== undefined) {
      assert.equal(described.status, 'FAILED', `output: ${described.output}`);
      assert.equal(described.error, row.error);
      if (row.cause instanceof RegExp) assert.match(described.cause ?? '', row.cause);
      else if (row.cause !== undefined) assert.equal(described.cause, row.cause);
    } else {
      assert.equal(described.status, 'SUCCEEDED', `${described.error}: ${described.cause}`);
      if (row.output !== undefined) assert.deepEqual(JSON.parse(described.output ?? 'null'), row.output);
    }
    const output = described.output === undefined ? null : (JSON.parse(described.output) as Json);
    row.check?.(output, history);
  });
}
