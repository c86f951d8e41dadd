/**
 * Live progress bars on a terminal, plain periodic lines otherwise (a pipe, a CI log), on stderr so stdout
 * keeps only the JSON answer. Built on cli-progress: one bar per Map Run, one line for the execution.
 */
import { Format, MultiBar, type SingleBar } from 'cli-progress';

export interface BarView {
  label: string;
  status: string;
  value: number;
  total: number;
  /** Counts by status, rate and ETA, already formatted. */
  detail: string;
}

export interface ProgressDisplayOptions {
  stream?: NodeJS.WriteStream;
  /** How often a line is printed when the stream is not a terminal. */
  lineIntervalMs?: number;
}

export class ProgressDisplay {
  private readonly bars = new Map<string, SingleBar>();
  private readonly multi: MultiBar;
  readonly isTTY: boolean;

  constructor(options: ProgressDisplayOptions = {}) {
    const stream = options.stream ?? process.stderr;
    this.isTTY = stream.isTTY === true;
    this.multi = new MultiBar({
      stream,
      noTTYOutput: true,
      notTTYSchedule: options.lineIntervalMs ?? 5000,
      hideCursor: true,
      clearOnComplete: false,
      gracefulExit: true,
      barsize: 24,
      barCompleteChar: '\u2588',
      barIncompleteChar: '\u2591',
      format: (options, params, payload: BarView) => {
        const bar = this.isTTY && payload.total > 0 ? `${Format.BarFormat(params.progress, options)} ` : '';
        const amount =
          payload.total > 0 ? `${params.value.toLocaleString('en-US')}/${params.total.toLocaleString('en-US')} ` : '';
        return `${payload.label} ${payload.status} ${bar}${amount}${payload.detail}`.trimEnd();
      },
    });
  }

  update(key: string, view: BarView): void {
    const bar = this.bars.get(key);
    if (bar) {
      bar.setTotal(view.total);
      bar.update(view.value, view);
    } else {
      this.bars.set(key, this.multi.create(view.total, view.value, view));
    }
  }

  stop(): void {
    this.multi.stop();
  }
}
