/**
 * Issue #14, point 2: an execution's log records are written once, when its events happen, never again when a
 * worker replays its history. The worker here keeps no workflow in its cache, so every workflow task replays the
 * whole history first; a redrive re-opens the execution, whose new events carry the new redrive count.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openLogStore } from '../../activities/logs';
import { Logs } from '../../client/logs';
import * as handlers from '../../examples/handlers';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { pollUntil } from '../helpers/poll';

const env = { TSF_DATA_DIR: tempDir('execution-logs-replayed'), TSF_LOGS_ENDPOINT: '' };
const logs = new Logs(openLogStore(env));
let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers, logStore: openLogStore(env), tuning: { maxCachedWorkflows: 0 } });
});
after(() => engine?.stop());

test('with every workflow task replayed, and a redrive: each event logged once, with its redrive count', async () => {
  const switchFile = path.join(tempDir('execution-logs-switch'), 'on');
  const group = `/aws/vendedlogs/states/${uniqueName('replayed')}`;
  const lambda = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
  const { stateMachineArn } = await engine.sfn.createStateMachine({
    name: uniqueName('replayed'),
    definition: JSON.stringify({
      StartAt: 'Greet',
      States: {
        Greet: { Type: 'Task', Resource: lambda('greet'), ResultPath: '$.greeting', Next: 'Pause' },
        Pause: { Type: 'Wait', Seconds: 1, Next: 'Gate' },
        Gate: { Type: 'Task', Resource: lambda('gated'), Parameters: { key: 'gate', switchFile }, End: true },
      },
    }),
    loggingConfiguration: {
      level: 'ALL',
      includeExecutionData: true,
      destinations: [
        { cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*` } },
      ],
    },
  });
  const { executionArn } = await engine.sfn.startExecution({ stateMachineArn, input: '{"name":"Ada"}' });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'FAILED');
  fs.writeFileSync(switchFile, 'on');
  await engine.sfn.redriveExecution({ executionArn });
  assert.equal((await engine.sfn.waitForExecution({ executionArn })).status, 'SUCCEEDED');

  const { events } = await engine.sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  const redriven = events.findIndex((event) => event.type === 'ExecutionRedriven');
  assert.ok(redriven > 0);
  const read = async () =>
    (await logs.filterLogEvents({ logGroupName: group })).events.map((event) => JSON.parse(event.message));
  const records = await pollUntil(
    async () => {
      const found = await read().catch(() => []);
      return found.length >= events.length ? found : undefined;
    },
    `${events.length} records`,
    20_000,
  );
  // A moment more: a record logged twice would come with the last batch.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.deepEqual(await read(), records);
  assert.deepEqual(
    records.map((record) => [record.id, record.type, record.redrive_count]),
    events.map((event, i) => [String(event.id), event.type, i < redriven ? '0' : '1']),
  );
});
