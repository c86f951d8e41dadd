/**
 * Starts a Map Run's partitions (child workflows `<mapRunArn>/p<k>`) while the running ones cannot use all of
 * MaxConcurrency C (windows.ts), and keeps their windows summing to at most C, also after UpdateMapRun. Stops
 * starting new ones once aborted.
 */
import { condition, ParentClosePolicy, patched, startChild, type ChildWorkflowHandle } from '@temporalio/workflow';
import { jsonByteLength } from '../../asl/json';
import { MAX_PAYLOAD_BYTES } from '../../asl/interpreter/limits';
import type { MapRunConfig } from './config';
import { emptyCounts } from './counts';
import { abortPartitionSignal, setWindowSignal, type PartitionReport } from '../../messages/map-run';
import type { PartitionPage } from './pages';
import { partitionWorkflowId } from './partition-id';
import type { PartitionRedrive } from './partition-input';
import type { MapPartitionWorkflow } from '../workflow-signatures';
import { keptByRedrive } from './child-states';
import { expectedChildren } from './pages';
import { partitionsAtOnce, roomForAnother, shareByDemand, shareWindows } from './windows';

/**
 * Map Runs begun before this patch started ceil(C / 250) partitions at once, whatever each had to run: a redrive of
 * failures spread thinly ran far fewer than C children at once.
 */
export const WINDOWS_BY_DEMAND_PATCH = 'map-run-windows-by-demand';

interface RunningPartition {
  handle: ChildWorkflowHandle<MapPartitionWorkflow>;
  window: number;
  /** Children this partition runs in this attempt. */
  demand: number;
}

export class PartitionRunner {
  private readonly running = new Map<number, RunningPartition>();
  private aborted = false;
  /** Bytes of child outputs collected so far; past the quota partitions stop sending outputs. */
  private outputBytes = 0;
  private readonly started = new Set<number>();
  /** Set by runAll: windows follow each partition's demand (WINDOWS_BY_DEMAND_PATCH). */
  private byDemand = false;

  constructor(
    private readonly config: MapRunConfig,
    private readonly maxConcurrency: () => number,
    private readonly reportFailures: () => boolean,
    /** On a Map Run redrive: what each partition's previous attempt left. */
    private readonly redriveFor: (index: number) => PartitionRedrive | undefined = () => undefined,
  ) {}

  /** The partitions running now, by index and workflow id. */
  runningPartitions(): Array<{ index: number; workflowId: string }> {
    return [...this.running.keys()].map((index) => ({
      index,
      workflowId: partitionWorkflowId(this.config.mapRunArn, index),
    }));
  }

  async runAll(pages: PartitionPage[], onFinished: (report: PartitionReport) => void): Promise<void> {
    this.byDemand = patched(WINDOWS_BY_DEMAND_PATCH);
    for (const page of pages) {
      await condition(() => this.aborted || this.hasRoom());
      if (this.aborted) break;
      await this.start(page, 'run', onFinished);
    }
    await this.drain();
  }

  /** After an abort with a ResultWriter: partitions that never ran still write their items as PENDING records. */
  async writePending(pages: PartitionPage[], reports: Map<number, PartitionReport>): Promise<void> {
    for (const page of pages) {
      if (this.started.has(page.index) || reports.has(page.index)) continue;
      await this.start(page, 'pending', (report) => reports.set(report.partition, report));
      await this.drain();
    }
  }

  drain(): Promise<void> {
    return condition(() => this.running.size === 0);
  }

  abortAll(): void {
    if (this.aborted) return;
    this.aborted = true;
    for (const { handle } of this.running.values()) void handle.signal(abortPartitionSignal).catch(() => undefined);
  }

  /** Gives every running partition its share of MaxConcurrency again (a start, a finish, an UpdateMapRun). */
  rebalance(): void {
    const windows = this.windowsFor([...this.running.values()].map(({ demand }) => demand));
    [...this.running.values()].forEach((partition, i) => {
      const window = windows[i] ?? 0;
      if (window === partition.window) return;
      partition.window = window;
      void partition.handle.signal(setWindowSignal, window).catch(() => undefined);
    });
  }

  private async start(page: PartitionPage, mode: 'run' | 'pending', onFinished: (report: PartitionReport) => void) {
    this.started.add(page.index);
    const demand = this.demandOf(page);
    const windows = this.windowsFor([...[...this.running.values()].map((partition) => partition.demand), demand]);
    const window = windows.at(-1) ?? 1;
    const handle = await startChild<MapPartitionWorkflow>('mapPartitionWorkflow', {
      workflowId: partitionWorkflowId(this.config.mapRunArn, page.index),
      args: [
        {
          config: this.config,
          page,
          window,
          mode,
          collectOutputs: this.outputBytes <= MAX_PAYLOAD_BYTES,
          reportFailures: this.reportFailures(),
          ...(this.redriveFor(page.index) ? { redrive: this.redriveFor(page.index) } : {}),
        },
      ],
      // Closing the Map Run (it only closes after its partitions) never leaves one behind; a stop reaches them.
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    });
    this.running.set(page.index, { handle, window, demand });
    this.rebalance();
    void handle.result().then(
      (report) => {
        this.running.delete(page.index);
        if (report.finished?.outputs) this.outputBytes += jsonByteLength(report.finished.outputs);
        onFinished(report);
        this.rebalance();
      },
      (error: unknown) => {
        this.running.delete(page.index);
        const cause = (error as { cause?: { message?: string; type?: string } }).cause;
        onFinished({
          partition: page.index,
          items: emptyCounts(page.itemCount),
          executions: emptyCounts(0),
          finished: { fault: { error: cause?.type ?? 'States.Runtime', cause: cause?.message ?? String(error) } },
        });
        this.rebalance();
      },
    );
  }

  /** Whether another partition may start now. */
  private hasRoom(): boolean {
    if (!this.byDemand) return this.running.size < partitionsAtOnce(this.maxConcurrency());
    return roomForAnother(
      this.maxConcurrency(),
      [...this.running.values()].map(({ demand }) => demand),
    );
  }

  private windowsFor(demands: number[]): number[] {
    return this.byDemand
      ? shareByDemand(this.maxConcurrency(), demands)
      : shareWindows(this.maxConcurrency(), demands.length);
  }

  /** Children the page runs in this attempt: on a redrive only those that did not succeed and may be redriven. */
  private demandOf(page: PartitionPage): number {
    const redrive = this.redriveFor(page.index);
    if (!redrive) return expectedChildren(page, this.config.batcher);
    let demand = 0;
    for (const letter of redrive.childStates) if (!keptByRedrive(letter)) demand++;
    return demand;
  }
}
