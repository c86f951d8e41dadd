/**
 * #13 point 2, "then the rest as slots free up": partitions hand back the slots of their ended children
 * (workflows/map-run/hand-back.ts), and the Map Run gives slots only from what no partition may still be using
 * (held-windows.ts), so MaxConcurrency stays a bound on the children running at once.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  freeSlots,
  heldWindows,
  roomToStart,
  startingWindow,
  type HeldWindow,
} from '../../workflows/map-run/held-windows';
import { PartitionWindows } from '../../workflows/map-run/partition-windows';
import type { RunningPartition } from '../../workflows/map-run/running-partition';
import { SlotHandBack, workflowHandBackStep } from '../../workflows/map-run/hand-back';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Starts partitions of the given demands while there is room, as the runner does; returns those running. */
function startWhileRoom(c: number, demands: number[]): HeldWindow[] {
  const running: HeldWindow[] = [];
  for (const demand of demands) {
    if (!roomToStart(c, running)) break;
    const window = startingWindow(c, running, demand);
    running.push({ window, ceiling: window, demand });
  }
  return running;
}

describe('windows that follow handed-back slots', () => {
  test('the documented example: 12 partitions of 250 run 3,000; a quarter handed back starts the 13th', () => {
    const running = startWhileRoom(3000, new Array(24).fill(250));
    assert.equal(running.length, 12);
    assert.equal(sum(running.map((p) => p.window)), 3000);
    assert.equal(roomToStart(3000, running), false);
    // Partition 0 has 187 children left to finish: 63 slots are free.
    running[0]!.demand = 187;
    assert.equal(freeSlots(3000, running), 63);
    assert.equal(roomToStart(3000, running), true);
    assert.equal(startingWindow(3000, running, 250), 63);
  });

  test('a starting partition gets only free slots, not a share of slots another may still be using', () => {
    // MaxConcurrency 300, two partitions of 250: shared evenly (150 each) the first could still run 250 while the
    // second ran 150, 400 at once.
    const running = startWhileRoom(300, [250, 250]);
    assert.deepEqual(
      running.map((p) => p.window),
      [250, 50],
    );
    // No window is cut for an even share: the first started all its children, the second has no slot to grow into.
    assert.deepEqual(heldWindows(300, running), [250, 50]);
    // The first has 150 left to finish: the second may now have 150.
    running[0]!.demand = 150;
    assert.deepEqual(heldWindows(300, running), [250, 150]);
    // MaxConcurrency lowered to 200: the latest partition's window is cut first (the first's window of 250 lets it
    // run the 150 it has left).
    running[1]!.window = 150;
    running[1]!.ceiling = 150;
    assert.deepEqual(heldWindows(200, running), [250, 50]);
  });

  test('windows never let more than MaxConcurrency children run, whatever the order of ends and hand-backs', () => {
    for (const [c, demands] of [
      [300, [250, 250, 250, 40]],
      [3000, new Array(24).fill(250)],
      [7, [3, 1, 5, 2, 9, 4]],
      [100, new Array(50).fill(4)],
    ] as Array<[number, number[]]>) {
      simulate(c, demands);
    }
  });

  test('a partition workflow hands back at most 3 times; one inside its Map Run at every end', () => {
    const sent: number[] = [];
    const workflow = new SlotHandBack(250, workflowHandBackStep, (left) => sent.push(left));
    for (let i = 0; i < 250; i++) workflow.ended();
    assert.deepEqual(sent, [187, 124, 61]);
    const local: number[] = [];
    const inside = new SlotHandBack(
      4,
      () => 1,
      (left) => local.push(left),
    );
    for (let i = 0; i < 4; i++) inside.ended();
    assert.deepEqual(local, [3, 2, 1]);
    const silent = new SlotHandBack(250, workflowHandBackStep, undefined);
    for (let i = 0; i < 250; i++) silent.ended();
  });
});

/**
 * Runs partitions to their end with a deterministic order of child ends; each partition runs as many children as
 * the window it last heard of allows, and the Map Run hears of ends through hand-backs (every 2 ends).
 */
function simulate(c: number, demands: number[]): void {
  const share = new PartitionWindows(() => c);
  share.byDemand = true;
  share.handsBack = true;
  type Sim = { map: RunningPartition; heard: number; left: number; running: number; sinceBack: number };
  const waiting = [...demands];
  const running: Sim[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  const rebalance = () => {
    const windows = share.windows(running.map((s) => s.map));
    running.forEach((s, i) => {
      const window = windows[i]!;
      s.map.ceiling = Math.max(s.map.ceiling!, window);
      if (share.mustTell(s.map, window)) s.heard = window;
      s.map.window = window;
    });
  };
  for (let step = 0; step < 100_000 && (waiting.length > 0 || running.length > 0); step++) {
    while (waiting.length > 0 && share.hasRoom(running.map((s) => s.map))) {
      const map = share.admit(
        running.map((s) => s.map),
        waiting.shift()!,
      );
      running.push({ map, heard: map.window, left: map.demand, running: 0, sinceBack: 0 });
      rebalance();
    }
    for (const s of running) {
      while (s.running < s.heard && s.running < s.left) s.running++;
    }
    const total = sum(running.map((s) => s.running));
    assert.ok(total <= c, `MaxConcurrency ${c}, demands ${demands}: ${total} running at step ${step}`);
    const busy = running.filter((s) => s.running > 0);
    const s = busy[next() % busy.length]!;
    s.running--;
    s.left--;
    s.sinceBack++;
    if (s.left === 0) {
      running.splice(running.indexOf(s), 1);
      rebalance();
    } else if (s.sinceBack >= 2) {
      s.sinceBack = 0;
      s.map.demand = s.left;
      rebalance();
    }
  }
  assert.equal(waiting.length + running.length, 0, `MaxConcurrency ${c}, demands ${demands}: all ran`);
}
