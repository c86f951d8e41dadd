/**
 * A partition's bookkeeping as its children run: item and child counts (the progress query and the reports),
 * the outputs it keeps for the Map state's result, its ResultWriter records, each child's outcome and Standard
 * run, and on a redrive what the previous attempt left (children that succeeded or may not be redriven are kept).
 */
import { jsonByteLength, type Json } from '../../asl/json';
import { MAX_PAYLOAD_BYTES } from '../../asl/interpreter/limits';
import type { PartitionReport } from '../../messages/map-run';
import type { ChildSpec } from './child-input';
import type { ChildOutcome } from './child-outcome';
import { keptByRedrive, LETTER_STATUS, stateLetter } from './child-states';
import { emptyCounts, failuresOf, move } from './counts';
import { notRedrivableItemsOf } from './waiting-counts';
import type { PartitionInput } from './partition-input';
import { ResultBuffer } from './result-buffer';
import { childRecordIdentity, resultRecord } from './result-record';

export class PartitionProgress {
  private readonly counts;
  private readonly exported: boolean;
  private readonly results: ResultBuffer | undefined;
  private readonly outputs: Record<number, Json> | undefined;
  private outputBytes = 0;
  private readonly outcomes: Array<ChildOutcome | undefined>;
  /** Standard children's runs: a later redrive continues those that did not succeed. */
  readonly runIds: Record<number, string>;
  /** When each unsuccessful child closed (kept ones: as the last attempt said). */
  private readonly stopDates: Record<number, number>;
  /** The last error's name of each unsuccessful child (kept ones: as the last attempt said). */
  private readonly errors: Record<number, string>;
  /** Unsuccessful children a selective redrive leaves as they are (child-selection.ts). */
  private readonly held: ReadonlySet<number>;

  constructor(
    private readonly input: PartitionInput,
    items: Json[],
    private readonly specs: ChildSpec[],
  ) {
    const { config, page } = input;
    this.counts = { items: emptyCounts(items.length), executions: emptyCounts(specs.length) };
    this.exported = Boolean(config.resultWriter?.bucket);
    this.results = this.exported ? new ResultBuffer(config, page.index, input.redrive?.redriveCount ?? 0) : undefined;
    this.outputs = input.collectOutputs && !this.exported ? {} : undefined;
    this.outcomes = new Array(specs.length);
    this.runIds = { ...input.redrive?.childRunIds };
    this.stopDates = { ...input.redrive?.childStopDates };
    this.errors = { ...input.redrive?.childErrors };
    this.held = new Set(input.redrive?.held);
    if (input.redrive) this.takeOverRedrive();
  }

  /**
   * A child a redrive leaves as it was: it succeeded, it may not be redriven (failuresNotRedrivable), or a selective
   * redrive did not pick it.
   */
  kept(k: number): boolean {
    return keptByRedrive(this.input.redrive?.childStates[k]) || this.held.has(k);
  }

  /** Failed plus timed out items: what the Map Run's thresholds count. */
  failures(): number {
    return failuresOf(this.counts.items);
  }

  /** The counts as of now (the progress query, failure reports, and the start of the final report). */
  report(): PartitionReport {
    const { counts, results } = this;
    return {
      partition: this.input.page.index,
      items: { ...counts.items, resultsWritten: results?.written.items ?? 0 },
      executions: { ...counts.executions, resultsWritten: results?.written.executions ?? 0 },
    };
  }

  started(child: ChildSpec): void {
    const { counts } = this;
    move(counts.items, 'PENDING', 'RUNNING', child.itemCount);
    move(counts.executions, 'PENDING', 'RUNNING', 1);
    if (this.input.redrive) {
      counts.items.pendingRedrive -= child.itemCount;
      counts.executions.pendingRedrive -= 1;
    }
  }

  ended(child: ChildSpec, k: number, outcome: ChildOutcome): void {
    const { counts, outputs } = this;
    this.outcomes[k] = outcome;
    if (outcome.status === 'SUCCEEDED') delete this.stopDates[k];
    else this.stopDates[k] = outcome.stopDate;
    if (outcome.status !== 'SUCCEEDED' && outcome.error !== undefined) this.errors[k] = outcome.error;
    else delete this.errors[k];
    move(counts.items, 'RUNNING', outcome.status, child.itemCount);
    move(counts.executions, 'RUNNING', outcome.status, 1);
    if (outcome.status !== 'SUCCEEDED' && outcome.notRedrivable) this.countNotRedrivable(child);
    // Past the 256 KiB quota the outputs are never sent (finish): neither measured nor kept any more.
    if (outputs && outcome.status === 'SUCCEEDED' && this.outputBytes <= MAX_PAYLOAD_BYTES) {
      this.outputBytes += jsonByteLength(outcome.output);
      outputs[k] = outcome.output;
    }
    this.results?.add(resultRecord(childRecordIdentity(this.input.config, child), outcome), child.itemCount);
  }

  /**
   * The final report, once no child runs: children never started get PENDING records, the last result part is
   * written, and the outputs go back only while within the 256 KiB quota. Call it in a non-cancellable scope.
   */
  async finish(): Promise<PartitionReport> {
    const { counts, results, outputs, specs, input } = this;
    // The Map Run completes or is aborted: nothing waits for a redrive slot any more.
    counts.items.pendingRedrive = 0;
    counts.executions.pendingRedrive = 0;
    if (results) {
      specs.forEach((child, k) => {
        if (!this.outcomes[k] && !this.kept(k)) {
          results.add(resultRecord(childRecordIdentity(input.config, child), undefined), child.itemCount);
        }
      });
      await results.flush();
    }
    const overflow = outputs !== undefined && this.outputBytes > MAX_PAYLOAD_BYTES;
    const childStates = specs
      .map((_, k) => (this.kept(k) ? input.redrive!.childStates[k] : stateLetter(this.outcomes[k])))
      .join('');
    const notRedrivableItems = input.config.batcher ? notRedrivableItemsOf(childStates, specs) : undefined;
    const final: PartitionReport = {
      ...this.report(),
      finished: {
        ...(outputs && !overflow ? { outputs } : {}),
        childStates,
        childRunIds: this.runIds,
        ...(Object.keys(this.stopDates).length > 0 ? { childStopDates: this.stopDates } : {}),
        ...(notRedrivableItems ? { notRedrivableItems } : {}),
        ...(Object.keys(this.errors).length > 0 ? { childErrors: this.errors } : {}),
        ...(input.config.batcher ? { childItemCounts: specs.map((child) => child.itemCount) } : {}),
        ...(overflow || (!outputs && !this.exported) ? { outputsOverflow: true } : {}),
        ...(results?.failure ? { fault: results.failure } : {}),
      },
    };
    return final;
  }

  /** A redrive keeps what succeeded; the rest waits for a slot as pending redrive (sfn-spec §2.4). */
  private takeOverRedrive(): void {
    const { counts, outputs } = this;
    const redrive = this.input.redrive!;
    this.specs.forEach((child, k) => {
      if (redrive.childStates[k] === 'S') {
        move(counts.items, 'PENDING', 'SUCCEEDED', child.itemCount);
        move(counts.executions, 'PENDING', 'SUCCEEDED', 1);
        const output = redrive.outputs?.[k];
        if (outputs && output !== undefined) {
          outputs[k] = output;
          this.outputBytes += jsonByteLength(output);
        }
      } else if (this.kept(k)) {
        // ... and what may not be redriven (past its history event limit) stays failed: failuresNotRedrivable; what a
        // selective redrive did not pick stays as it ended too, and may still be redriven later.
        const status = LETTER_STATUS[redrive.childStates[k]!.toUpperCase()]!;
        move(counts.items, 'PENDING', status, child.itemCount);
        move(counts.executions, 'PENDING', status, 1);
        if (!this.held.has(k)) this.countNotRedrivable(child);
      } else {
        counts.items.pendingRedrive += child.itemCount;
        counts.executions.pendingRedrive += 1;
      }
    });
  }

  /** A child a redrive may not re-run also counts in failuresNotRedrivable (sfn-spec §2.4). */
  private countNotRedrivable(child: ChildSpec): void {
    this.counts.items.failuresNotRedrivable += child.itemCount;
    this.counts.executions.failuresNotRedrivable += 1;
  }
}
