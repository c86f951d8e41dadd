/**
 * Redrive bookkeeping of the execution actor (sfn-spec §3): whether the execution may be redriven now and why
 * not, and RedriveExecution's requests, made idempotent by the last 10 client tokens (for 15 minutes).
 */
import type { ExecutionStatus } from '../messages/execution';
import type { MapRunChildSelection } from '../messages/redrive-plan';

export interface RedriveLimits {
  /** How long after it closes an execution can be redriven (14 days in Step Functions). */
  redrivablePeriodMs: number;
  /** Events at or beyond which an execution can no longer be redriven (24,999 in Step Functions). */
  historyEventLimit: number;
  /** Redrives of one Map Run (1,000 in Step Functions); beyond it the Map Run fails with States.Runtime. */
  mapRunRedriveLimit?: number;
}

export const DEFAULT_REDRIVE_LIMITS: RedriveLimits = {
  redrivablePeriodMs: 14 * 24 * 60 * 60 * 1000,
  historyEventLimit: 24_999,
};

const TOKEN_MEMORY = 10;
const TOKEN_TTL_MS = 15 * 60 * 1000;

export interface RedriveVerdict {
  redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE';
  redriveStatusReason?: string;
}

export function redriveVerdict(
  status: ExecutionStatus,
  stopDate: number | undefined,
  historyLength: number,
  limits: RedriveLimits,
  now: number,
): RedriveVerdict {
  if (status === 'RUNNING' || status === 'SUCCEEDED') {
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: `Execution is ${status} and cannot be redriven` };
  }
  if (historyLength >= limits.historyEventLimit) {
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution history event limit exceeded' };
  }
  if (stopDate !== undefined && now - stopDate > limits.redrivablePeriodMs) {
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution redrivable period exceeded' };
  }
  return { redriveStatus: 'REDRIVABLE' };
}

/** Client tokens of the last successful redrives, each with the redrive date it answered. */
class RedriveTokens {
  constructor(private tokens: Array<{ token: string; redriveDate: number; at: number }> = []) {}

  answerFor(token: string | undefined, now: number): number | undefined {
    if (token === undefined) return undefined;
    return this.tokens.find((t) => t.token === token && now - t.at <= TOKEN_TTL_MS)?.redriveDate;
  }

  remember(token: string | undefined, redriveDate: number): void {
    if (token === undefined) return;
    this.tokens = [...this.tokens, { token, redriveDate, at: redriveDate }].slice(-TOKEN_MEMORY);
  }
}

/**
 * RedriveExecution requests, idempotent by client token: a token seen in the last 15 minutes gets the redrive
 * date it got then and redrives nothing; any other request is accepted only while the execution is redrivable and
 * no accepted redrive is waiting to begin.
 */
export class RedriveRequests {
  private readonly tokens = new RedriveTokens();
  /** The accepted redrive the execution has not begun yet. */
  private accepted: AcceptedRedrive | undefined;

  /** The update's validator: refuses with `ExecutionNotRedrivable: <reason>`, so a refusal leaves no history. */
  validate(
    clientToken: string | undefined,
    now: number,
    verdict: () => { redriveStatus: string; redriveStatusReason?: string },
  ): void {
    if (this.tokens.answerFor(clientToken, now) !== undefined) return;
    const current = verdict();
    if (current.redriveStatus !== 'REDRIVABLE' || this.accepted) {
      throw new Error(`ExecutionNotRedrivable: ${current.redriveStatusReason ?? 'a redrive is already under way'}`);
    }
  }

  /** The update's answer: the earlier date for a repeated token, else a new redrive, dated now. */
  accept(clientToken: string | undefined, now: number, selection?: MapRunChildSelection): { redriveDate: number } {
    const earlier = this.tokens.answerFor(clientToken, now);
    if (earlier !== undefined) return { redriveDate: earlier };
    const redriveDate = now;
    this.tokens.remember(clientToken, redriveDate);
    this.accepted = { redriveDate, ...(selection ? { selection } : {}) };
    return { redriveDate };
  }

  get waiting(): boolean {
    return this.accepted !== undefined;
  }

  /** The accepted redrive, as the execution begins it: the next request may redrive again. */
  take(): AcceptedRedrive {
    const accepted = this.accepted!;
    this.accepted = undefined;
    return accepted;
  }
}

/** A redrive accepted and not yet begun: its date, and which Map Run children it runs again (all when absent). */
export interface AcceptedRedrive {
  redriveDate: number;
  selection?: MapRunChildSelection;
}

/**
 * The update's and the signal's check of a selection (the SDK checks it with its request schema; `temporal workflow
 * update` callers come here): refused with the field it is about.
 */
export function checkSelection(selection: unknown): void {
  if (selection === undefined) return;
  const fail = (why: string) => {
    throw new Error(`ExecutionNotRedrivable: mapRunChildren${why}`);
  };
  if (typeof selection !== 'object' || selection === null) fail(' must be an object');
  const { errors, items } = selection as Record<string, unknown>;
  if (errors !== undefined && (!Array.isArray(errors) || errors.some((e) => typeof e !== 'string'))) {
    fail('.errors must be a list of error names');
  }
  if (items === undefined) return;
  if (!Array.isArray(items)) fail('.items must be a list');
  (items as unknown[]).forEach((item, i) => {
    const index = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
    const pair = Array.isArray(item) && item.length === 2 && index(item[0]) && index(item[1]) && item[0] <= item[1];
    if (!index(item) && !pair) fail(`.items[${i}] must be an item index or [from, to] with from <= to`);
  });
}
