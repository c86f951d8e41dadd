/**
 * Collects the bench process's garbage before a timed step, so that the step does not pay for the garbage of what
 * ran before it: in the redrive bench, the first attempt and the bench's own reading of every history between the
 * attempts. Without it, collecting that garbage (66 and 90 ms of the main thread in two CPU-profiled redrives) fell
 * in a 0.3 s redrive or not, by chance. Only this process's main heap: the worker's workflow thread keeps its own.
 * Returns how long the collection took, in ms.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export function settleHeap(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const started = performance.now();
  gc();
  return performance.now() - started;
}
