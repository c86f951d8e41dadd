import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChildLanes } from '../../workflows/map-run/lanes';

/**
 * Drives ChildLanes the way a workflow does: children end when the test says so, and waiting predicates are
 * re-checked after each step (the SDK re-checks `condition` after every activation).
 */
function harness(count: number, window: number, skip: (k: number) => boolean = () => false) {
  const limits = { window, stopped: false };
  const running = new Map<number, () => void>();
  const started: number[] = [];
  let peak = 0;
  const waiters: Array<{ predicate: () => boolean; resolve: () => void }> = [];
  const lanes = new ChildLanes(
    count,
    { window: () => limits.window, stopped: () => limits.stopped },
    skip,
    (k, settled) => {
      started.push(k);
      running.set(k, settled);
      peak = Math.max(peak, running.size);
    },
    (predicate) => new Promise<void>((resolve) => waiters.push({ predicate, resolve })),
  );
  /** Re-checks waiting predicates, letting the loop run, until nothing changes. */
  async function settle() {
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setImmediate(r));
      const ready = waiters.filter((w) => w.predicate());
      if (ready.length === 0) return;
      for (const w of ready) waiters.splice(waiters.indexOf(w), 1);
      for (const w of ready) w.resolve();
    }
  }
  async function end(...ks: number[]) {
    for (const k of ks) {
      running.get(k)!();
      running.delete(k);
    }
    await settle();
  }
  const done = lanes.startAll();
  return { lanes, limits, running, started, end, settle, done, peak: () => peak };
}

test('children start in index order, never more than the window at once', async () => {
  const h = harness(6, 2);
  await h.settle();
  assert.deepEqual(h.started, [0, 1]);
  await h.end(1);
  assert.deepEqual(h.started, [0, 1, 2]);
  await h.end(0, 2);
  assert.deepEqual(h.started, [0, 1, 2, 3, 4]);
  await h.end(3, 4);
  await h.done;
  assert.deepEqual(h.started, [0, 1, 2, 3, 4, 5]);
  assert.equal(h.lanes.idle, false, 'child 5 still runs');
  await h.end(5);
  assert.equal(h.lanes.idle, true);
  assert.equal(h.peak(), 2);
});

test('a smaller window lets running children finish and starts none until below it; a larger one starts more', async () => {
  const h = harness(10, 4);
  await h.settle();
  assert.deepEqual(h.started, [0, 1, 2, 3]);
  h.limits.window = 1;
  await h.end(0);
  await h.end(1);
  assert.deepEqual(h.started, [0, 1, 2, 3], 'two still run, above the new window of 1');
  await h.end(2, 3);
  assert.deepEqual(h.started, [0, 1, 2, 3, 4]);
  h.limits.window = 0;
  await h.end(4);
  assert.deepEqual(h.started, [0, 1, 2, 3, 4], 'window 0 starts nothing');
  assert.equal(h.lanes.idle, false, 'children are left to start');
  h.limits.window = 3;
  await h.settle();
  assert.deepEqual(h.started, [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('a redrive passes over earlier successes without taking a slot', async () => {
  const h = harness(6, 2, (k) => k === 0 || k === 2 || k === 5);
  await h.settle();
  assert.deepEqual(h.started, [1, 3]);
  await h.end(1, 3);
  await h.settle();
  assert.deepEqual(h.started, [1, 3, 4]);
  await h.end(4);
  await h.done;
  assert.equal(h.lanes.idle, true);
});

test('stopped lanes start nothing more and are idle once running children end', async () => {
  const h = harness(5, 2);
  await h.settle();
  h.limits.stopped = true;
  await h.settle();
  await h.done;
  assert.equal(h.lanes.idle, false, 'two children still run');
  await h.end(0, 1);
  assert.deepEqual(h.started, [0, 1]);
  assert.equal(h.lanes.idle, true);
});

test('a child that ends while it is being started frees its slot at once', async () => {
  const limits = { window: 1, stopped: false };
  const started: number[] = [];
  const lanes = new ChildLanes(
    3,
    { window: () => limits.window, stopped: () => limits.stopped },
    () => false,
    (k, settled) => {
      started.push(k);
      settled();
      settled(); // a second call changes nothing
    },
    () => Promise.reject(new Error('no wait expected')),
  );
  await lanes.startAll();
  assert.deepEqual(started, [0, 1, 2]);
  assert.equal(lanes.idle, true);
});
