/**
 * The plain-Temporal fan-out the Map Run is measured against, written the way a careful Temporal user would:
 * a parent starts partition workflows (<= 250 children each, so no history nears its limits) under a sliding
 * window, each partition runs its children under its share of the same concurrency. EXPRESS-like children are
 * one activity each; STANDARD-like children are child workflows that call the same activity. Bundled on its own,
 * run by its own worker on its own task queue.
 */
import { executeChild, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { BaselineActivities } from './activities';
import { childInputs, MAX_PAGE_BYTES, partitionWindows, slicePages, type BaselinePage } from './pages';
import { slidingWindow } from './sliding-window';

export interface BaselineInput {
  childType: 'EXPRESS' | 'STANDARD';
  /** Items in the input (small N) ... */
  items?: unknown[];
  /** ... or a JSONL file the partitions read their pages from (large N). */
  file?: string;
  /** Items per child; 1 is one item per child (no batching). */
  batch: number;
  concurrency: number;
  childrenPerPartition: number;
}

interface PartitionInput {
  childType: BaselineInput['childType'];
  page: BaselinePage;
  file?: string;
  batch: number;
  window: number;
}

const { scanJsonlPages, readJsonlPage } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '5m',
  retry: { maximumAttempts: 5 },
});
// The same timeouts and retries the engine gives an Express child's activity.
const { benchWork } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '330s',
  retry: { maximumAttempts: 3, initialInterval: '1s', backoffCoefficient: 2 },
});

/** The parent: cuts the items into pages, runs one partition per page; returns the children's outputs in order. */
export async function baselineFanOut(input: BaselineInput): Promise<number[]> {
  const itemsPerPage = input.childrenPerPartition * input.batch;
  const pages = input.items
    ? slicePages(input.items, itemsPerPage)
    : await scanJsonlPages(input.file!, itemsPerPage, MAX_PAGE_BYTES);
  const { atOnce, window } = partitionWindows(input.concurrency, input.childrenPerPartition);
  const parentId = workflowInfo().workflowId;
  const outputs = await slidingWindow(pages, atOnce, (page) =>
    executeChild(baselinePartition, {
      workflowId: `${parentId}/p${page.index}`,
      args: [{ childType: input.childType, page, file: input.file, batch: input.batch, window }],
    }),
  );
  return outputs.flat();
}

export async function baselinePartition(input: PartitionInput): Promise<number[]> {
  const items = input.page.items ?? (await readJsonlPage(input.file!, input.page.range!));
  const partitionId = workflowInfo().workflowId;
  return slidingWindow(childInputs(items, input.batch), input.window, (childInput, k) =>
    input.childType === 'EXPRESS'
      ? benchWork(childInput)
      : executeChild(baselineChild, { workflowId: `${partitionId}/c${k}`, args: [childInput] }),
  );
}

/** A STANDARD-like child: a workflow of its own around the one handler call. */
export async function baselineChild(input: unknown): Promise<number> {
  return benchWork(input);
}
