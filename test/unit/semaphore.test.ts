import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Semaphore } from '../../asl/interpreter/semaphore';

test('a released permit wakes exactly one waiter, first come first served', async () => {
  const semaphore = new Semaphore(1);
  const order: number[] = [];
  await semaphore.acquire();
  const waiters = [1, 2, 3].map((n) => semaphore.acquire().then(() => order.push(n)));
  semaphore.release();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, [1]);
  semaphore.release();
  semaphore.release();
  await Promise.all(waiters);
  assert.deepEqual(order, [1, 2, 3]);
});

test('shrinking below the work in flight holds new work back until enough permits return', async () => {
  const semaphore = new Semaphore(3);
  for (let i = 0; i < 3; i++) await semaphore.acquire();
  semaphore.resize(-2); // limit 3 -> 1 while 3 run
  let started = false;
  const next = semaphore.acquire().then(() => (started = true));
  semaphore.release();
  semaphore.release();
  await new Promise((r) => setImmediate(r));
  assert.equal(started, false, 'two returns only pay the debt');
  semaphore.release();
  await next;
  assert.equal(started, true);
  semaphore.resize(2);
  assert.equal(semaphore.available, 2);
});
