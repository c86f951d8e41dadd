/** Prints an execution the way the demo tells its story: status, timings, then the event log, one line each. */
import type { StepFunctions } from '../../client';

export async function printExecution(sfn: StepFunctions, executionArn: string): Promise<void> {
  const d = await sfn.describeExecution({ executionArn });
  const seconds = d.stopDate ? ((d.stopDate.getTime() - d.startDate.getTime()) / 1000).toFixed(2) : '…';
  console.log(`\nExecution ${executionArn}\n  status ${d.status} after ${seconds} s`);
  if (d.output !== undefined) console.log(`  output ${d.output}`);
  if (d.error !== undefined) console.log(`  error ${d.error}: ${d.cause ?? ''}`);
  console.log('  events (GetExecutionHistory):');
  const { events } = await sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  for (const event of events) {
    const details = Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1] as
      Record<string, unknown> | undefined;
    const label = details?.name ?? details?.resource ?? details?.error ?? '';
    console.log(`   ${String(event.id).padStart(3)} ${String(event.type).padEnd(24)} ${String(label)}`);
  }
}
