/**
 * Starts a Map Run's partitions (child workflows `<mapRunArn>/p<k>`) while the running ones cannot use all of
 * MaxConcurrency C (windows.ts), and keeps their windows summing to at most C, also after UpdateMapRun. Stops
 * starting new ones once aborted.
 */
import { CancellationScope, condition, ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import { jsonByteLength } from '../../asl/json';
import { MAX_PAYLOAD_BYTES } from '../../asl/interpreter/limits';
import type { MapRunConfig } from './config';
import { abortPartitionSignal, setWindowSignal, type PartitionReport } from '../../messages/map-run';
import type { PartitionPage } from './pages';
import { partitionWorkflowId } from './partition-id';
import { logUndelivered } from './undelivered';
import type { PartitionInput, PartitionRedrive } from './partition-input';
import type { MapPartitionWorkflow } from '../workflow-signatures';
import { rerunCount } from './child-states';
import { faultReport } from './partition-fault';
import { expectedChildren } from './pages';
import { PartitionWindows } from './partition-windows';
import { HAND_BACK_PATCH } from './hand-back';
import { expressActivities } from './activities';
import { ExpressGroups } from './express-groups';
import { LOCAL_AT_ONCE_PATCH, runsLocally, startLocalPartition } from './local-partitions';
import { PARTITION_STARTS_PATCH, type RunningPartition } from './running-partition';

export class PartitionRunner {
  private readonly running = new Map<number, RunningPartition>();
  private aborted = false;
  /** Bytes of child outputs collected so far; past the quota partitions stop sending outputs. */
  private outputBytes = 0;
  private readonly started = new Set<number>();
  /** How running partitions share MaxConcurrency; set by runAll from the patches the Map Run began under. */
  private readonly share: PartitionWindows;
  /** Set by runAll: this attempt's partitions cannot all run at once, they hand back their slots (hand-back.ts). */
  private handBackWanted = false;
  /** Set by runAll: this attempt's partitions run inside the Map Run, sharing these Express groups. */
  private localGroups: ExpressGroups | undefined;

  constructor(
    private readonly config: MapRunConfig,
    private readonly maxConcurrency: () => number,
    private readonly reportFailures: () => boolean,
    /** On a Map Run redrive: what each partition's previous attempt left. */
    private readonly redriveFor: (index: number) => PartitionRedrive | undefined = () => undefined,
  ) {
    this.share = new PartitionWindows(maxConcurrency);
  }

  /** The partition workflows running now, by index and workflow id (those inside the Map Run: liveReport). */
  runningPartitions(): Array<{ index: number; workflowId: string }> {
    return [...this.running]
      .filter(([, partition]) => !partition.local)
      .map(([index]) => ({ index, workflowId: partitionWorkflowId(this.config.mapRunArn, index) }));
  }

  /** The counts as of now of a partition running inside the Map Run. */
  liveReport(index: number): PartitionReport | undefined {
    return this.running.get(index)?.local?.progress();
  }

  /**
   * Runs the pages' partitions. `onReport` takes the failure reports of partitions running inside the Map Run (those
   * running as workflows signal them).
   */
  async runAll(
    pages: PartitionPage[],
    onFinished: (report: PartitionReport) => void,
    onReport: (report: PartitionReport) => void,
  ): Promise<void> {
    const byDemand = patched(PARTITION_STARTS_PATCH);
    this.share.byDemand = byDemand;
    this.share.handsBack = byDemand && patched(HAND_BACK_PATCH);
    this.handBackWanted = this.share.wantsHandBack(pages.map((page) => this.demandOf(page)));
    const redriving = pages.some((page) => this.redriveFor(page.index) !== undefined);
    const demand = () => pages.reduce((sum, page) => sum + this.demandOf(page), 0);
    if (byDemand && runsLocally(this.config, redriving, demand)) {
      this.localGroups = new ExpressGroups(expressActivities(), true);
      if (patched(LOCAL_AT_ONCE_PATCH)) return this.runLocalAtOnce(pages, this.localGroups, onFinished, onReport);
    }
    for (const page of pages) {
      // Partitions inside the Map Run that fit all start at once (their first children share groups), and get
      // their windows together before anything waits.
      if (!this.localGroups || !this.hasRoom()) {
        if (this.localGroups) this.rebalance();
        await condition(() => this.aborted || this.hasRoom());
      }
      if (this.aborted) break;
      if (this.localGroups) this.startLocal(page, this.localGroups, onFinished, onReport);
      else if (byDemand) this.startTogether(page, onFinished);
      else await this.startOneByOne(page, 'run', onFinished);
    }
    if (this.localGroups) this.rebalance();
    await this.drain();
  }

  /**
   * Runs the partitions inside the Map Run (LOCAL_AT_ONCE_PATCH): those that fit start together, each with its share
   * of MaxConcurrency, in one non-cancellable scope (a stop aborts them; their Express children are awaited).
   */
  private async runLocalAtOnce(
    pages: PartitionPage[],
    groups: ExpressGroups,
    onFinished: (report: PartitionReport) => void,
    onReport: (report: PartitionReport) => void,
  ): Promise<void> {
    const scope = new CancellationScope({ cancellable: false });
    for (let next = 0; next < pages.length;) {
      if (!this.hasRoom()) await condition(() => this.aborted || this.hasRoom());
      if (this.aborted) break;
      const starting: PartitionPage[] = [];
      for (; next < pages.length && this.hasRoom(); next++) starting.push(this.reserve(pages[next]!));
      this.rebalance();
      void scope.run(async () => {
        for (const page of starting) this.startLocal(page, groups, onFinished, onReport, true);
      });
    }
    await this.drain();
  }

  /**
   * Counts a page's partition as running, with its demand; its window comes with the next rebalance (under
   * HAND_BACK_PATCH it takes its slots now, so the next one sees them taken).
   */
  private reserve(page: PartitionPage): PartitionPage {
    const demand = this.demandOf(page);
    const partition = this.share.handsBack ? this.share.admit([...this.running.values()], demand) : undefined;
    this.running.set(page.index, partition ?? { window: 0, demand });
    return page;
  }

  /** A partition has `demand` children left to finish: the slots of those that ended may go to others. */
  handBack(index: number, demand: number): void {
    const partition = this.running.get(index);
    if (!partition || demand >= partition.demand) return;
    partition.demand = demand;
    this.rebalance();
  }

  /** After an abort with a ResultWriter: partitions that never ran still write their items as PENDING records. */
  async writePending(pages: PartitionPage[], reports: Map<number, PartitionReport>): Promise<void> {
    for (const page of pages) {
      if (this.started.has(page.index) || reports.has(page.index)) continue;
      await this.startOneByOne(page, 'pending', (report) => reports.set(report.partition, report));
      await this.drain();
    }
  }

  drain(): Promise<void> {
    return condition(() => this.running.size === 0);
  }

  abortAll(): void {
    if (this.aborted) return;
    this.aborted = true;
    // A partition still starting is told once it has started (startTogether).
    for (const { handle, local } of this.running.values()) {
      local?.abort();
      void handle?.signal(abortPartitionSignal).catch(this.undelivered('abort', handle.workflowId));
    }
  }

  /** Gives every running partition its share of MaxConcurrency again (a start, a finish, an UpdateMapRun). */
  rebalance(): void {
    const running = [...this.running.values()];
    const windows = this.share.windows(running);
    running.forEach((partition, i) => {
      const window = windows[i] ?? 0;
      if (partition.ceiling !== undefined) partition.ceiling = Math.max(partition.ceiling, window);
      const tell = this.share.mustTell(partition, window);
      partition.window = window;
      if (!tell) return;
      partition.local?.setWindow(window);
      // A partition still starting gets its window once it has started (startTogether).
      void partition.handle
        ?.signal(setWindowSignal, window)
        .catch(this.undelivered('setWindow', partition.handle.workflowId));
    });
  }

  /**
   * Starts a partition without waiting for its start: it counts as running (its demand, its window) at once, so the
   * next one that fits starts in the same workflow task. A partition that cannot start ends as a fault of the Map Run.
   */
  private startTogether(page: PartitionPage, onFinished: (report: PartitionReport) => void) {
    this.started.add(page.index);
    const demand = this.demandOf(page);
    const partition = this.share.admit([...this.running.values()], demand);
    const startedWith = partition.window;
    this.running.set(page.index, partition);
    this.rebalance();
    void startChild<MapPartitionWorkflow>('mapPartitionWorkflow', this.startOptions(page, 'run', startedWith)).then(
      (handle) => {
        partition.handle = handle;
        // What changed while it started: an abort, or its share of MaxConcurrency.
        if (this.aborted) void handle.signal(abortPartitionSignal).catch(this.undelivered('abort', handle.workflowId));
        else if (partition.window !== startedWith) {
          void handle.signal(setWindowSignal, partition.window).catch(this.undelivered('setWindow', handle.workflowId));
        }
        void handle.result().then(
          (report) => this.finished(page, report, onFinished),
          (error: unknown) => this.finished(page, faultReport(page, error), onFinished),
        );
      },
      (error: unknown) => this.finished(page, faultReport(page, error), onFinished),
    );
  }

  /**
   * Runs a partition inside the Map Run (local-partitions.ts): it counts as running at once, as startTogether's do.
   * Its window comes from one rebalance for all that start together (sharing MaxConcurrency anew at each start cost
   * a Map Run of 40 such partitions more than their children did): before it starts (`atOnce`, runLocalAtOnce
   * counted it as running), or before LOCAL_AT_ONCE_PATCH from runAll's next rebalance.
   */
  private startLocal(
    page: PartitionPage,
    groups: ExpressGroups,
    onFinished: (report: PartitionReport) => void,
    onReport: (report: PartitionReport) => void,
    atOnce = false,
  ) {
    this.started.add(page.index);
    const partition = (atOnce && this.running.get(page.index)) || { window: 0, demand: this.demandOf(page) };
    this.running.set(page.index, partition);
    const input = this.partitionInput(page, 'run', partition.window);
    const handBack = (unfinished: number) => this.handBack(page.index, unfinished);
    const { local, result } = startLocalPartition(input, groups, onReport, atOnce, handBack);
    partition.local = local;
    void result.then(
      (report) => this.finished(page, report, onFinished),
      (error: unknown) => this.finished(page, faultReport(page, error), onFinished),
    );
  }

  /** Map Runs begun before PARTITION_STARTS_PATCH, and PENDING writes: a partition starts once the last one has. */
  private async startOneByOne(
    page: PartitionPage,
    mode: 'run' | 'pending',
    onFinished: (report: PartitionReport) => void,
  ) {
    this.started.add(page.index);
    const demand = this.demandOf(page);
    const window = this.share.startingWindow([...this.running.values()], demand);
    const handle = await startChild<MapPartitionWorkflow>(
      'mapPartitionWorkflow',
      this.startOptions(page, mode, window),
    );
    this.running.set(page.index, { handle, window, demand });
    this.rebalance();
    void handle.result().then(
      (report) => this.finished(page, report, onFinished),
      (error: unknown) => this.finished(page, faultReport(page, error), onFinished),
    );
  }

  private partitionInput(page: PartitionPage, mode: 'run' | 'pending', window: number): PartitionInput {
    const redrive = this.redriveFor(page.index);
    return {
      config: this.config,
      page,
      window,
      mode,
      collectOutputs: this.outputBytes <= MAX_PAYLOAD_BYTES,
      reportFailures: this.reportFailures(),
      ...(redrive ? { redrive } : {}),
      ...(this.handBackWanted ? { handBack: true } : {}),
    };
  }

  private startOptions(page: PartitionPage, mode: 'run' | 'pending', window: number) {
    return {
      workflowId: partitionWorkflowId(this.config.mapRunArn, page.index),
      args: [this.partitionInput(page, mode, window)] as [PartitionInput],
      // Closing the Map Run (it only closes after its partitions) never leaves one behind; a stop reaches them.
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    };
  }

  private finished(page: PartitionPage, report: PartitionReport, onFinished: (report: PartitionReport) => void) {
    this.running.delete(page.index);
    if (report.finished?.outputs) this.outputBytes += jsonByteLength(report.finished.outputs);
    onFinished(report);
    this.rebalance();
  }

  private undelivered(signal: string, partitionId: string) {
    return logUndelivered(this.config.mapRunArn, signal, partitionId);
  }

  /** Whether another partition may start now. */
  private hasRoom(): boolean {
    return this.share.hasRoom([...this.running.values()]);
  }

  /** Children the page runs in this attempt: on a redrive only those it runs again (child-states.ts). */
  private demandOf(page: PartitionPage): number {
    const redrive = this.redriveFor(page.index);
    return redrive ? rerunCount(redrive.childStates, redrive.held) : expectedChildren(page, this.config.batcher);
  }
}
