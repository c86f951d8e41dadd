/**
 * A signal between a Map Run and one of its partitions that was not delivered: an abort or a window change to a
 * partition, a failure report to the Map Run. Temporal refuses a signal only when its target has closed, and then
 * nothing is lost (a partition's final report comes back as its result; a closed Map Run's outcome stands), but it
 * is logged with the Map Run ARN, so that no such loss goes unseen.
 */
import { log } from '@temporalio/workflow';

export function logUndelivered(mapRunArn: string, signal: string, target: string): (error: unknown) => void {
  return (error) =>
    log.warn(`Map Run ${mapRunArn}: the ${signal} signal to ${target} was not delivered`, {
      mapRunArn,
      target,
      error: error instanceof Error ? error.message : String(error),
    });
}
