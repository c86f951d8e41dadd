/**
 * waitForExecution's wait (client/execution-closed.ts): it wakes as soon as the execution's workflow closes, and a
 * long wait leaves nothing behind. The dev server answers a history long poll empty after about 20 s, and each new
 * poll once added an abort listener to one signal for the whole wait: Node warned of a leak after ten of them, in
 * the 280 s first attempt of the STANDARD redrive bench.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { after, before, test } from 'node:test';
import { ExecutionClosed } from '../../client/execution-closed';
import { startTestEngine, uniqueName, type TestEngine } from '../helpers/engine';

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ worker: false });
});
after(() => engine?.stop());

test(
  'a wait past two long polls keeps one abort listener, and ends when the workflow closes',
  { timeout: 90_000 },
  async () => {
    // A workflow no worker runs: it stays open until the test terminates it.
    const workflowId = uniqueName('open');
    await engine.client.workflow.start('nothingToRun', { taskQueue: uniqueName('nobody'), workflowId, args: [] });
    const closed = new ExecutionClosed(engine.client, workflowId);
    const stop = (closed as unknown as { stop: AbortController }).stop.signal;
    const listeners: number[] = [];
    try {
      const until = Date.now() + 45_000;
      while (Date.now() < until) {
        await closed.pause(1000);
        listeners.push(getEventListeners(stop, 'abort').length);
      }
      const waiting = closed.pause(600_000);
      await engine.client.workflow.getHandle(workflowId).terminate('the test is done with it');
      await waiting;
    } finally {
      closed.end();
    }
    assert.ok(listeners.length >= 40, `pauses: ${listeners.length}`);
    assert.deepEqual([...new Set(listeners)], [1], 'one listener (the running long poll) all along');
  },
);
