/**
 * The demo's story: a Map Run over 100 orders in which 5 fail (their payment service is "down"), the fix, a
 * redrive of the execution that re-runs only those 5, and success; with a progress line while the Map Run runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StepFunctions } from '../../client';
import { callCount } from '../../examples/call-counter';

const ORDERS = 100;
const BROKEN = [95, 96, 97, 98, 99];

export async function runRedriveStory(sfn: StepFunctions, stateMachineArn: string, workDir: string): Promise<void> {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const counterDir = path.join(workDir, 'calls');
  const up = path.join(workDir, 'payment-service-up');
  const down = path.join(workDir, 'payment-service-eu');
  fs.writeFileSync(up, 'up');
  const orders = Array.from({ length: ORDERS }, (_, id) => ({
    id,
    counterDir,
    paymentService: BROKEN.includes(id) ? down : up,
  }));

  console.log(
    `\n1. Start an execution: a Distributed Map over ${ORDERS} orders; orders ${BROKEN.join(', ')} use a payment service that is down.`,
  );
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify({ orders }) });
  const failed = await watch(sfn, executionArn);
  console.log(`   -> ${failed.status}: ${failed.error} (${failed.cause}); redriveStatus ${failed.redriveStatus}`);

  console.log('\n2. Fix the cause: the payment service is back.');
  fs.writeFileSync(down, 'up');

  console.log('\n3. RedriveExecution: only what failed runs again, under the same Map Run.');
  const { redriveDate } = await sfn.redriveExecution({ executionArn });
  console.log(`   redriveDate ${redriveDate.toISOString()}`);
  const done = await watch(sfn, executionArn);
  console.log(`   -> ${done.status}, redriveCount ${done.redriveCount}`);

  const charges = Array.from({ length: ORDERS }, (_, id) => callCount(counterDir, `charge-${id}`));
  const validations = Array.from({ length: ORDERS }, (_, id) => callCount(counterDir, `validate-${id}`));
  const twice = charges.flatMap((calls, id) => (calls === 2 ? [id] : []));
  console.log(
    `\n   Charge ran once for ${charges.filter((c) => c === 1).length} orders and twice for orders ${twice.join(', ')};`,
  );
  console.log(
    `   Validate (before the failed state) ran once for ${validations.filter((c) => c === 1).length} of ${ORDERS} orders.`,
  );
  const { mapRuns } = await sfn.listMapRuns({ executionArn });
  const mapRun = await sfn.describeMapRun({ mapRunArn: mapRuns[0]!.mapRunArn });
  console.log(
    `   Map Run ${mapRun.mapRunArn}\n   status ${mapRun.status}, redriveCount ${mapRun.redriveCount}, items succeeded ${mapRun.itemCounts.succeeded}/${mapRun.itemCounts.total}`,
  );
}

/** Waits for the execution to leave RUNNING, printing the Map Run's progress on one line (or lines, off a TTY). */
async function watch(sfn: StepFunctions, executionArn: string) {
  let last = '';
  for (;;) {
    const described = await sfn.describeExecution({ executionArn });
    const { mapRuns } = await sfn.listMapRuns({ executionArn });
    if (mapRuns[0]) {
      const { itemCounts: c } = await sfn.describeMapRun({ mapRunArn: mapRuns[0].mapRunArn });
      const line = `   items: ${c.succeeded} succeeded, ${c.failed} failed, ${c.running} running, ${c.pending} pending of ${c.total}`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(80)}`);
      else if (line !== last) console.log(line);
      last = line;
    }
    if (described.status !== 'RUNNING') {
      if (process.stdout.isTTY) process.stdout.write('\n');
      return described;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
