/**
 * The partition workflow as it ran before the `map-partition-lanes` patch (partition.ts), which started children in
 * lanes (lanes.ts): here a FIFO semaphore with one waiting promise per child, a cancellation scope per Standard
 * child. Partitions whose history has no patch marker replay through this code, so it is kept as it was; remove it
 * (with deprecatePatch) once no such partition runs.
 */
import { CancellationScope, getExternalWorkflowHandle, setHandler, sleep, uuid4 } from '@temporalio/workflow';
import { Semaphore } from '../../asl/interpreter/semaphore';
import { jsonByteLength, type Json } from '../../asl/json';
import { MAX_PAYLOAD_BYTES } from '../../asl/interpreter/limits';
import { mapRunActivities } from './activities';
import { buildChildren, type ChildSpec } from './child-input';
import type { ChildOutcome } from './child-outcome';
import { emptyCounts, failuresOf, move } from './counts';
import {
  abortPartitionSignal,
  partitionProgressQuery,
  partitionReportSignal,
  setWindowSignal,
  type PartitionReport,
} from '../../messages/map-run';
import { runChildBeforeLanes } from './run-child-before-lanes';
import { ResultBuffer } from './result-buffer';
import { childRecordIdentity, resultRecord } from './result-record';
import { STATE_LETTER } from './child-states';
import { readerPage } from './pages';
import { FAILURE_REPORT_INTERVAL_MS, type PartitionInput } from './partition-input';

// eslint-disable-next-line max-lines-per-function -- the code partitions recorded before the lanes patch replay through, kept as it ran
export async function partitionBeforeLanes(input: PartitionInput): Promise<PartitionReport> {
  const { config, page } = input;
  let window = input.window;
  const semaphore = new Semaphore(window);
  const cancels = new Set<() => void>();
  let aborted = input.mode === 'pending';
  const abort = () => {
    aborted = true;
    for (const cancel of cancels) cancel();
  };
  setHandler(abortPartitionSignal, abort);
  setHandler(setWindowSignal, (next) => {
    semaphore.resize(next - window);
    window = next;
  });
  CancellationScope.current().cancelRequested.catch(abort);

  const items = page.items ?? (await mapRunActivities().readItemPage(config.reader!, readerPage(page)));
  const children = await buildChildren(config, items, page.firstItem, page.index, {
    uuid: uuid4,
    random: Math.random,
    now: Date.now,
  });
  const counts = { items: emptyCounts(items.length), executions: emptyCounts(children.length) };
  const exported = Boolean(config.resultWriter?.bucket);
  const results = exported ? new ResultBuffer(config, page.index, input.redrive?.redriveCount ?? 0) : undefined;
  const outputs: Record<number, Json> | undefined = input.collectOutputs && !exported ? {} : undefined;
  let outputBytes = 0;
  const outcomes: Array<ChildOutcome | undefined> = new Array(children.length);
  const runIds: Record<number, string> = { ...input.redrive?.childRunIds };
  // A redrive keeps what succeeded; the rest waits for a slot as pending redrive (sfn-spec §2.4).
  const previouslySucceeded = (k: number) => input.redrive?.childStates[k] === 'S';
  if (input.redrive) {
    children.forEach((child, k) => {
      if (previouslySucceeded(k)) {
        move(counts.items, 'PENDING', 'SUCCEEDED', child.itemCount);
        move(counts.executions, 'PENDING', 'SUCCEEDED', 1);
        const output = input.redrive?.outputs?.[k];
        if (outputs && output !== undefined) {
          outputs[k] = output;
          outputBytes += jsonByteLength(output);
        }
      } else {
        counts.items.pendingRedrive += child.itemCount;
        counts.executions.pendingRedrive += 1;
      }
    });
  }
  let lastFailureReport = 0;
  let reportedFailures = 0;
  let failureReportPending = false;

  function progress(): PartitionReport {
    return {
      partition: page.index,
      items: { ...counts.items, resultsWritten: results?.written.items ?? 0 },
      executions: { ...counts.executions, resultsWritten: results?.written.executions ?? 0 },
    };
  }
  // DescribeMapRun asks running partitions for their counts: no signal traffic per child (pull, not push).
  setHandler(partitionProgressQuery, progress);

  /**
   * Failures are pushed, because the Map Run must notice a tripped threshold; at most one signal per interval
   * (the latest counts always get through) and none at all when no threshold can trip.
   */
  function reportFailures(): void {
    if (!input.reportFailures || failuresOf(counts.items) === reportedFailures || failureReportPending) return;
    const wait = FAILURE_REPORT_INTERVAL_MS - (Date.now() - lastFailureReport);
    failureReportPending = true;
    void CancellationScope.nonCancellable(async () => {
      if (wait > 0) await sleep(wait);
      failureReportPending = false;
      lastFailureReport = Date.now();
      reportedFailures = failuresOf(counts.items);
      await getExternalWorkflowHandle(config.mapRunArn).signal(partitionReportSignal, progress());
    }).catch(() => undefined);
  }

  async function runOne(child: ChildSpec, k: number): Promise<void> {
    if (previouslySucceeded(k)) return;
    await semaphore.acquire();
    try {
      if (aborted) return;
      move(counts.items, 'PENDING', 'RUNNING', child.itemCount);
      move(counts.executions, 'PENDING', 'RUNNING', 1);
      if (input.redrive) {
        counts.items.pendingRedrive -= child.itemCount;
        counts.executions.pendingRedrive -= 1;
      }
      const outcome = await runChildBeforeLanes(config, child, cancels, runIds[k], (runId) => (runIds[k] = runId));
      outcomes[k] = outcome;
      move(counts.items, 'RUNNING', outcome.status, child.itemCount);
      move(counts.executions, 'RUNNING', outcome.status, 1);
      if (outputs && outcome.status === 'SUCCEEDED') {
        outputBytes += jsonByteLength(outcome.output);
        outputs[k] = outcome.output;
      }
      results?.add(resultRecord(childRecordIdentity(config, child), outcome), child.itemCount);
      if (outcome.status === 'FAILED' || outcome.status === 'TIMED_OUT') reportFailures();
    } finally {
      semaphore.release();
    }
  }

  await Promise.all(children.map((child, k) => runOne(child, k)));
  return CancellationScope.nonCancellable(async () => {
    // The Map Run completes or is aborted: nothing waits for a redrive slot any more.
    counts.items.pendingRedrive = 0;
    counts.executions.pendingRedrive = 0;
    if (results) {
      children.forEach((child, k) => {
        if (!outcomes[k] && !previouslySucceeded(k)) {
          results.add(resultRecord(childRecordIdentity(config, child), undefined), child.itemCount);
        }
      });
      await results.flush();
    }
    const overflow = outputs !== undefined && outputBytes > MAX_PAYLOAD_BYTES;
    const final: PartitionReport = {
      ...progress(),
      finished: {
        ...(outputs && !overflow ? { outputs } : {}),
        childStates: children
          .map((_, k) => (previouslySucceeded(k) ? 'S' : STATE_LETTER[outcomes[k]?.status ?? 'PENDING']))
          .join(''),
        childRunIds: runIds,
        ...(overflow || (!outputs && !exported) ? { outputsOverflow: true } : {}),
        ...(results?.failure ? { fault: results.failure } : {}),
      },
    };
    return final;
  });
}
