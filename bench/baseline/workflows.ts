/**
 * The plain-Temporal fan-out the Map Run is measured against, written the way a careful Temporal user would:
 * a parent starts partition workflows (<= 250 children each, so no history nears its limits) under a sliding
 * window, each partition runs its children under its share of the same concurrency. EXPRESS-like children are
 * one activity each; STANDARD-like children are child workflows that call the same activity. Bundled on its own,
 * run by its own worker on its own task queue.
 */
import { executeChild, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  NameKey,
  ResourceTypeKey,
  StateMachineArnKey,
  StatusKey,
  StopDateKey,
  TSF_SEARCH_ATTRIBUTE_KEYS,
} from '../../messages/search-attributes';
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
  /**
   * An experiment, not what a plain fan-out does: STANDARD-like children get the engine's five search attributes
   * at start and upsert two at close, to measure what that visibility work costs.
   */
  searchAttributes?: boolean;
  /**
   * An experiment too: STANDARD-like children call their activity with the options the engine gives a Task
   * (lost-worker heartbeat timeout, Task timeouts, retries), to measure what those cost the server.
   */
  taskOptions?: boolean;
}

interface PartitionInput {
  childType: BaselineInput['childType'];
  page: BaselinePage;
  file?: string;
  batch: number;
  window: number;
  searchAttributes?: boolean;
  taskOptions?: boolean;
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
// What the engine's workflow host gives a Task's activity (workflows/workflow-host.ts), for --baseline-task-options.
const { benchWork: benchWorkAsTask } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '99999999s',
  scheduleToCloseTimeout: '99999999s',
  heartbeatTimeout: '10s',
  retry: { maximumAttempts: 10, initialInterval: '1s', backoffCoefficient: 2 },
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
      args: [
        {
          childType: input.childType,
          page,
          file: input.file,
          batch: input.batch,
          window,
          searchAttributes: input.searchAttributes,
          taskOptions: input.taskOptions,
        },
      ],
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
      : executeChild(baselineChild, {
          workflowId: `${partitionId}/c${k}`,
          args: [childInput, input.searchAttributes ?? false, input.taskOptions ?? false],
          ...(input.searchAttributes ? { typedSearchAttributes: engineLikeAttributes(partitionId, k) } : {}),
        }),
  );
}

/** A STANDARD-like child: a workflow of its own around the one handler call. */
export async function baselineChild(input: unknown, searchAttributes = false, taskOptions = false): Promise<number> {
  const output = await (taskOptions ? benchWorkAsTask : benchWork)(input);
  if (searchAttributes) {
    upsertSearchAttributes([
      { key: StatusKey, value: 'SUCCEEDED' },
      { key: StopDateKey, value: new Date() },
    ]);
  }
  return output;
}

/** The search attributes the engine gives a Map Run's Standard child when it starts it. */
function engineLikeAttributes(partitionId: string, k: number) {
  return [
    { key: ResourceTypeKey, value: 'execution' },
    { key: StateMachineArnKey, value: `arn:aws:states:us-east-1:000000000000:stateMachine:bench/baseline` },
    { key: NameKey, value: `${k}` },
    { key: StatusKey, value: 'RUNNING' },
    { key: TSF_SEARCH_ATTRIBUTE_KEYS.TsfMapRunArn, value: partitionId },
  ];
}
