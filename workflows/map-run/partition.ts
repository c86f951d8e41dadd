/**
 * A Map Run partition (workflow id `<mapRunArn>/p<k>`): up to 250 children over one page of items, at most
 * `window` of them running at once (ChildLanes: index order, resizable by the Map Run). It reports its counts to
 * the Map Run by signal, writes ResultWriter parts as children finish, and returns its final report.
 *
 * Each child costs the partition as few workflow promises as a hand-written fan-out (the SDK records a stack trace
 * for every promise a workflow creates, which made the partition the largest CPU cost of a Map Run): no promise per
 * waiting child, one `.then` per running child, one cancellation scope for all children.
 */
import {
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  setHandler,
  sleep,
  uuid4,
} from '@temporalio/workflow';
import { jsonByteLength, type Json } from '../../asl/json';
import { MAX_PAYLOAD_BYTES } from '../../asl/interpreter/limits';
import { expressActivities, mapRunActivities } from './activities';
import { buildChildren, type ChildSpec } from './child-input';
import { failedChildOutcome, type ChildOutcome } from './child-outcome';
import { emptyCounts, failuresOf, move } from './counts';
import { expressChildContext, expressChildContextQuery } from './express-context';
import { ChildLanes } from './lanes';
import { partitionBeforeLanes } from './partition-before-lanes';
import {
  abortPartitionSignal,
  partitionProgressQuery,
  partitionReportSignal,
  setWindowSignal,
  type PartitionReport,
} from '../../messages/map-run';
import { keptByRedrive, LETTER_STATUS, stateLetter } from './child-states';
import { readerPage } from './pages';
import { FAILURE_REPORT_INTERVAL_MS, type PartitionInput } from './partition-input';
import { ResultBuffer } from './result-buffer';
import { childRecordIdentity, resultRecord } from './result-record';
import { childRunId, oversizedChild, startExpressChild, startStandardChild } from './run-child';

export type { PartitionInput, PartitionRedrive } from './partition-input';

/** Partitions started before this patch ran children under a semaphore; they replay through partition-before-lanes.ts. */
export const LANES_PATCH = 'map-partition-lanes';

export function mapPartitionWorkflow(input: PartitionInput): Promise<PartitionReport> {
  return patched(LANES_PATCH) ? runPartition(input) : partitionBeforeLanes(input);
}

async function runPartition(input: PartitionInput): Promise<PartitionReport> {
  const { config, page } = input;
  const standard = config.executionType === 'STANDARD';
  let window = input.window;
  let aborted = input.mode === 'pending';
  // All children run in this one scope: cancelling it aborts every running Standard child; Express children are
  // never cancelled (sfn-spec §2.7), an abort waits for them.
  const children = new CancellationScope({ cancellable: standard });
  const abort = () => {
    aborted = true;
    if (standard) children.cancel();
  };
  CancellationScope.current().cancelRequested.catch(abort);
  setHandler(abortPartitionSignal, abort);
  setHandler(setWindowSignal, (next) => {
    window = next;
  });
  setHandler(expressChildContextQuery, () => expressChildContext(config));

  const items = page.items ?? (await mapRunActivities().readItemPage(config.reader!, readerPage(page)));
  const specs = await buildChildren(config, items, page.firstItem, page.index, {
    uuid: uuid4,
    random: Math.random,
    now: Date.now,
  });
  const counts = { items: emptyCounts(items.length), executions: emptyCounts(specs.length) };
  const exported = Boolean(config.resultWriter?.bucket);
  const results = exported ? new ResultBuffer(config, page.index, input.redrive?.redriveCount ?? 0) : undefined;
  const outputs: Record<number, Json> | undefined = input.collectOutputs && !exported ? {} : undefined;
  let outputBytes = 0;
  const outcomes: Array<ChildOutcome | undefined> = new Array(specs.length);
  const runIds: Record<number, string> = { ...input.redrive?.childRunIds };
  // A redrive keeps what succeeded; the rest waits for a slot as pending redrive (sfn-spec §2.4).
  const previouslySucceeded = (k: number) => input.redrive?.childStates[k] === 'S';
  // ... and what may not be redriven (past its history event limit) stays failed: failuresNotRedrivable.
  const kept = (k: number) => keptByRedrive(input.redrive?.childStates[k]);
  if (input.redrive) {
    specs.forEach((child, k) => {
      if (previouslySucceeded(k)) {
        move(counts.items, 'PENDING', 'SUCCEEDED', child.itemCount);
        move(counts.executions, 'PENDING', 'SUCCEEDED', 1);
        const output = input.redrive?.outputs?.[k];
        if (outputs && output !== undefined) {
          outputs[k] = output;
          outputBytes += jsonByteLength(output);
        }
      } else if (kept(k)) {
        const status = LETTER_STATUS[input.redrive!.childStates[k]!.toUpperCase()]!;
        move(counts.items, 'PENDING', status, child.itemCount);
        move(counts.executions, 'PENDING', status, 1);
        countNotRedrivable(child);
      } else {
        counts.items.pendingRedrive += child.itemCount;
        counts.executions.pendingRedrive += 1;
      }
    });
  }
  /** A child a redrive may not re-run also counts in failuresNotRedrivable (sfn-spec §2.4). */
  function countNotRedrivable(child: ChildSpec): void {
    counts.items.failuresNotRedrivable += child.itemCount;
    counts.executions.failuresNotRedrivable += 1;
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

  function started(child: ChildSpec): void {
    move(counts.items, 'PENDING', 'RUNNING', child.itemCount);
    move(counts.executions, 'PENDING', 'RUNNING', 1);
    if (input.redrive) {
      counts.items.pendingRedrive -= child.itemCount;
      counts.executions.pendingRedrive -= 1;
    }
  }

  function ended(child: ChildSpec, k: number, outcome: ChildOutcome): void {
    outcomes[k] = outcome;
    move(counts.items, 'RUNNING', outcome.status, child.itemCount);
    move(counts.executions, 'RUNNING', outcome.status, 1);
    if (outcome.status !== 'SUCCEEDED' && outcome.notRedrivable) countNotRedrivable(child);
    if (outputs && outcome.status === 'SUCCEEDED') {
      outputBytes += jsonByteLength(outcome.output);
      outputs[k] = outcome.output;
    }
    results?.add(resultRecord(childRecordIdentity(config, child), outcome), child.itemCount);
    if (outcome.status === 'FAILED' || outcome.status === 'TIMED_OUT') reportFailures();
  }

  const express = standard ? undefined : expressActivities();
  /** Starts child k; its end (one `.then`, no other promise) records the outcome and frees the slot. */
  function launch(k: number, settled: () => void): void {
    const child = specs[k]!;
    started(child);
    const startDate = Date.now();
    const end = (outcome: ChildOutcome) => {
      ended(child, k, outcome);
      settled();
    };
    const oversized = oversizedChild(child, startDate);
    if (oversized) return end(oversized);
    const failed = (error: unknown) => {
      const runId = childRunId(error);
      if (runId) runIds[k] = runId;
      end(failedChildOutcome(error, startDate, Date.now()));
    };
    if (express) void startExpressChild(express, child).then(end, failed);
    else {
      void startStandardChild(config, child, runIds[k]).then(
        (output) => end({ status: 'SUCCEEDED', output, startDate, stopDate: Date.now() }),
        failed,
      );
    }
  }

  const lanes = new ChildLanes(specs.length, { window: () => window, stopped: () => aborted }, kept, launch);
  // The loop that starts children runs in the children's scope; on an abort it stops (or is cancelled with them).
  // Any other error is a bug: rethrown, it fails the workflow task, as an error of the workflow function would.
  void children
    .run(() => lanes.startAll())
    .catch((error: unknown) => {
      if (!isCancellation(error)) throw error;
    });
  await CancellationScope.nonCancellable(() => condition(() => lanes.idle));

  return CancellationScope.nonCancellable(async () => {
    // The Map Run completes or is aborted: nothing waits for a redrive slot any more.
    counts.items.pendingRedrive = 0;
    counts.executions.pendingRedrive = 0;
    if (results) {
      specs.forEach((child, k) => {
        if (!outcomes[k] && !kept(k)) {
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
        childStates: specs.map((_, k) => (kept(k) ? input.redrive!.childStates[k] : stateLetter(outcomes[k]))).join(''),
        childRunIds: runIds,
        ...(overflow || (!outputs && !exported) ? { outputsOverflow: true } : {}),
        ...(results?.failure ? { fault: results.failure } : {}),
      },
    };
    return final;
  });
}
