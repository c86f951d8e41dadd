/**
 * Before a Map Run is redriven, each ItemReader page it will run again is marked with the partition run that read
 * it last, so that the redrive runs those very items (items-read-before.ts) rather than the object as it is now.
 */
import type { Client } from '@temporalio/client';
import type { MapRunRedriveState, PartitionPageRef } from '../../messages/map-run';
import { isNotFound } from '../temporal-errors';
import { partitionWorkflowId } from '../../workflows/map-run/partition-id';
import { withEarlierRead } from './items-read-before';

/** Partitions described at once. */
const CONCURRENCY = 16;

export async function withEarlierReads(
  client: Client,
  mapRunArn: string,
  state: MapRunRedriveState,
): Promise<PartitionPageRef[]> {
  const pages = [...state.pages];
  // Items from the state input travel with their page; partitions whose children all succeeded do not run again.
  const rerun = pages.flatMap((page, i) =>
    page.cursor !== undefined && !/^S*$/.test(state.partitions[page.index]?.childStates ?? 'P') ? [i] : [],
  );
  for (let start = 0; start < rerun.length; start += CONCURRENCY) {
    await Promise.all(
      rerun.slice(start, start + CONCURRENCY).map(async (i) => {
        const page = pages[i]!;
        const workflowId = partitionWorkflowId(mapRunArn, page.index);
        try {
          const { runId } = await client.workflow.getHandle(workflowId).describe();
          pages[i] = { ...page, cursor: withEarlierRead(page.cursor!, { workflowId, runId }) };
        } catch (error) {
          // Never started: nothing was read, the page is read from the object.
          if (!isNotFound(error)) throw error;
        }
      }),
    );
  }
  return pages;
}
