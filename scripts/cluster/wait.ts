/** Polling until something is ready, giving up early when a process it depends on has died. */

export interface PollOptions {
  /** What we wait for, for the timeout error. */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** A message means waiting longer is pointless (a process exited): it becomes the error. */
  failure?: () => string | undefined;
  /** An error that retrying cannot cure: thrown at once. */
  isFatal?: (err: unknown) => boolean;
}

/** Calls `attempt` until it returns a value (not undefined); its last error is in the timeout error. */
export async function pollUntil<T>(attempt: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const failure = options.failure?.();
    if (failure) throw new Error(failure);
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (err) {
      if (options.isFatal?.(err)) throw err;
      lastError = err;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`${options.what} not ready after ${Math.round(options.timeoutMs / 1000)} s${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
