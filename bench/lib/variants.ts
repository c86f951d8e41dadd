/**
 * The two things being compared, each run to completion once: the engine's Map Run (StartExecution of the bench
 * state machine, wait, then DescribeMapRun for its counts) and the plain-Temporal baseline (start baselineFanOut,
 * wait for its outputs). Both check that every item was processed exactly as expected.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { StepFunctions } from '../../client';
import type { baselineFanOut } from '../baseline/workflows';
import type { BenchOptions } from './args';
import type { Clock } from './clock';
import { checkResultFiles } from './manifest-check';

export interface VariantOutcome {
  rootId: string;
  children: number;
  itemsDone: number;
  /** Set when the run failed, timed out or produced wrong counts. */
  error?: string;
  /** With --result-writer: what the Map Run wrote, checked item by item. */
  resultFiles?: { files: number; records: number };
}

export interface VariantContext {
  client: Client;
  sfn: StepFunctions;
  options: BenchOptions;
  baselineQueue: string;
  /** Created on first use, while an engine worker is up (the registry is a workflow too). */
  stateMachineArn(): Promise<string>;
  /** The execution input: `{items}` from the state, or `{}` with the ItemReader. */
  stateInput: string;
  baselineItems?: unknown[];
  jsonlFile?: string;
  /** The local storage folder the engine worker reads items from and writes results to. */
  storageDir: string;
}

export async function runMapRun(ctx: VariantContext, clock: Clock): Promise<VariantOutcome> {
  const { sfn, options } = ctx;
  const stateMachineArn = await ctx.stateMachineArn();
  const started = await sfn.startExecution({ stateMachineArn, input: ctx.stateInput });
  const rootId = started.executionArn;
  return failedAs(rootId, async () => {
    const described = await withTimeout(sfn.waitForExecution({ executionArn: rootId }), options, () =>
      ctx.client.workflow.getHandle(rootId).terminate('benchmark timeout'),
    );
    clock.stop();
    return checkMapRun(ctx, rootId, described);
  });
}

async function checkMapRun(
  ctx: VariantContext,
  rootId: string,
  described: Awaited<ReturnType<StepFunctions['waitForExecution']>>,
): Promise<VariantOutcome> {
  const { sfn, options } = ctx;
  const { mapRuns } = await sfn.listMapRuns({ executionArn: rootId });
  const mapRunArn = mapRuns[0]?.mapRunArn;
  const mapRun = mapRunArn ? await sfn.describeMapRun({ mapRunArn }) : undefined;
  const outcome = {
    rootId,
    children: mapRun?.executionCounts.total ?? 0,
    itemsDone: mapRun?.itemCounts.succeeded ?? 0,
  };
  if (described.status !== 'SUCCEEDED') {
    return { ...outcome, error: `${described.status}: ${described.error ?? ''} ${described.cause ?? ''}`.trim() };
  }
  if (!options.resultWriter) {
    // Each child returns its item count: the outputs must add up to N.
    const sum = (JSON.parse(described.output ?? '[]') as number[]).reduce((a, b) => a + b, 0);
    if (sum !== options.items) return { ...outcome, error: `outputs add up to ${sum}, not ${options.items}` };
  }
  if (outcome.itemsDone !== options.items)
    return { ...outcome, error: `DescribeMapRun: ${outcome.itemsDone} items succeeded` };
  if (options.resultWriter) {
    const { error, ...resultFiles } = checkResultFiles(
      ctx.storageDir,
      described.output ?? '{}',
      options.items,
      outcome.children,
    );
    return error ? { ...outcome, resultFiles, error: `ResultWriter: ${error}` } : { ...outcome, resultFiles };
  }
  return outcome;
}

export async function runBaseline(ctx: VariantContext, clock: Clock): Promise<VariantOutcome> {
  const { client, options } = ctx;
  const rootId = `bench-baseline-${randomUUID()}`;
  const handle = await client.workflow.start<typeof baselineFanOut>('baselineFanOut', {
    workflowId: rootId,
    taskQueue: ctx.baselineQueue,
    args: [
      {
        childType: options.type,
        ...(ctx.baselineItems ? { items: ctx.baselineItems } : { file: ctx.jsonlFile }),
        batch: options.batch,
        concurrency: options.concurrency,
        childrenPerPartition: options.childrenPerPartition,
        searchAttributes: options.baselineSearchAttributes,
        taskOptions: options.baselineTaskOptions,
      },
    ],
  });
  return failedAs(rootId, async () => {
    const outputs = await withTimeout(handle.result(), options, () => handle.terminate('benchmark timeout'));
    clock.stop();
    const sum = outputs.reduce((a, b) => a + b, 0);
    const outcome = { rootId, children: outputs.length, itemsDone: sum };
    return sum === options.items ? outcome : { ...outcome, error: `outputs add up to ${sum}, not ${options.items}` };
  });
}

/** A run that threw (timeout, failed workflow) still reports its root, so its histories can be looked at. */
async function failedAs(rootId: string, work: () => Promise<VariantOutcome>): Promise<VariantOutcome> {
  try {
    return await work();
  } catch (error) {
    return { rootId, children: 0, itemsDone: 0, error: describeError(error) };
  }
}

/** Bounds a run: past --timeout-min the run's root workflow is terminated and the run reported as failed. */
async function withTimeout<T>(work: Promise<T>, options: BenchOptions, onTimeout: () => Promise<unknown>): Promise<T> {
  const ms = options.timeoutMinutes * 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void onTimeout().catch(() => undefined);
      reject(new Error(`timed out after ${options.timeoutMinutes} min`));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The message with its causes: a client error like "Failed to query Workflow" says little on its own. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
  return parts.join(' <- ');
}
