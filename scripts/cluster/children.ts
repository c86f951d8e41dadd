/**
 * The processes a cluster runs, by name, telling a deliberate stop or kill (ours, or a test's) from a crash: the
 * first crash settles `failed`, which the foreground command waits on.
 */
import type { ManagedProcess } from './process';

export class Children {
  private readonly byName = new Map<string, ManagedProcess>();
  private readonly deliberate = new Set<ManagedProcess>();
  private failure: string | undefined;
  private reportFailure!: (message: string) => void;
  /** Resolves with a message (naming the process and its log's last lines) when a child exits unasked. */
  readonly failed = new Promise<string>((resolve) => (this.reportFailure = resolve));

  constructor(private readonly onChange: (pids: Record<string, number>) => void) {}

  add(child: ManagedProcess): ManagedProcess {
    this.byName.set(child.name, child);
    this.onChange(this.pids());
    void child.exited.then(() => {
      if (this.deliberate.has(child) || this.failure !== undefined) return;
      this.failure = `${child.name} exited (${child.exitReason()}). Last lines of ${child.logFile}:\n${child.tail()}`;
      this.reportFailure(this.failure);
    });
    return child;
  }

  get(name: string): ManagedProcess | undefined {
    return this.byName.get(name);
  }

  /** undefined while every child runs (or was stopped on purpose). */
  firstFailure(): string | undefined {
    return this.failure;
  }

  pids(): Record<string, number> {
    return Object.fromEntries([...this.byName].map(([name, child]) => [name, child.pid]));
  }

  async stop(name: string, graceMs: number, signal?: NodeJS.Signals): Promise<void> {
    const child = this.byName.get(name);
    if (!child) return;
    this.deliberate.add(child);
    await child.stop(graceMs, signal);
  }

  async kill(name: string): Promise<void> {
    const child = this.byName.get(name);
    if (!child) throw new Error(`No cluster process named ${name} (known: ${[...this.byName.keys()].join(', ')})`);
    this.deliberate.add(child);
    await child.kill();
  }

  /** Last resort when our own process exits without stop(): signals only, nothing can be awaited there. */
  signalAll(signalFor: (name: string) => NodeJS.Signals): void {
    for (const [name, child] of this.byName) {
      if (child.exitReason() !== undefined) continue;
      try {
        process.kill(child.pid, signalFor(name));
      } catch {
        // Already gone.
      }
    }
  }
}
