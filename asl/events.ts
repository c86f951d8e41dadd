/**
 * The Step Functions event log (sfn-spec §4): sequential ids from 1, `previousEventId` linking each event to the
 * event that caused it, and one `<camelCase>EventDetails` member per type. Timestamps are epoch milliseconds
 * taken from the host clock (the workflow clock inside Temporal), so the log is deterministic on replay.
 */
import type { Json } from './json';

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: number;
  [detailsMember: string]: Json | number | string | undefined;
}

/** The details member name AWS uses for an event type (`TaskStateEntered` -> `stateEnteredEventDetails`). */
export function detailsMember(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/** Serialises a payload the way events carry it: a JSON string plus `{truncated: false}` details. */
export function payload(value: Json): string {
  return JSON.stringify(value);
}

/**
 * Step Functions' history quota (25,000 events, sfn-spec §1.14): an execution at 24,999 events may still close
 * (its 25,000th event is ExecutionSucceeded or another close), but any other event fails it instead. What the
 * execution then does is its host's to decide.
 */
export interface HistoryQuota {
  /** Events an execution's history holds at most. */
  maxEvents: number;
  /**
   * The next event would reach the quota without closing the execution. True when the host fails the execution
   * there (the log then takes no more events but its closing one, addClosing); false to go on (executions begun
   * before the quota was kept).
   */
  reached(): boolean;
}

const CLOSING_EVENTS: ReadonlySet<string> = new Set([
  'ExecutionSucceeded',
  'ExecutionFailed',
  'ExecutionAborted',
  'ExecutionTimedOut',
]);

/** An event's details, or a function that makes them: called only when the log keeps details. */
export type EventDetails = Record<string, Json | undefined> | (() => Record<string, Json | undefined>);

export class EventLog {
  private readonly events: HistoryEvent[];
  /** The quota was reached and kept: the log takes only its closing event now. */
  private full = false;
  private quotaChecked = false;

  constructor(
    private readonly now: () => number,
    existing: HistoryEvent[] = [],
    private readonly quota?: HistoryQuota,
    /**
     * Told of each event appended (not of the `existing` ones): the execution log (sfn-spec §14) sees every event as
     * it happens, with nothing added to the log itself.
     */
    private readonly onAppend?: (event: HistoryEvent) => void,
    /**
     * false: events keep their ids, types and links but no details, and a details function is never called. An
     * Express child that logs nothing has no reader of its events' details, and serialising a batch's input and
     * output for every state was most of what its worker spent beyond its handlers.
     */
    private readonly keepDetails = true,
  ) {
    this.events = existing;
  }

  /**
   * Appends an event and returns its id, which the caller passes on as the next `previousEventId`. Past the quota
   * the event is not kept (the id returned is the last event's).
   */
  add(type: string, previousEventId: number, details?: EventDetails): number {
    if (this.full) return this.lastId;
    const { quota } = this;
    if (quota && !this.quotaChecked && this.events.length >= quota.maxEvents - 1 && !CLOSING_EVENTS.has(type)) {
      this.quotaChecked = true;
      if (quota.reached()) {
        this.full = true;
        return this.lastId;
      }
    }
    return this.append(type, previousEventId, details);
  }

  /** The event that closes an execution whose history reached the quota: the last event it holds. */
  addClosing(type: string, previousEventId: number, details?: EventDetails): number {
    return this.append(type, previousEventId, details);
  }

  /** The history reached its quota and the execution fails there. */
  get isFull(): boolean {
    return this.full;
  }

  private append(type: string, previousEventId: number, details?: EventDetails): number {
    const id = this.events.length + 1;
    const event: HistoryEvent = { id, previousEventId, type, timestamp: this.now() };
    if (details !== undefined && this.keepDetails) {
      const clean: Record<string, Json> = {};
      const given = typeof details === 'function' ? details() : details;
      for (const [key, value] of Object.entries(given)) if (value !== undefined) clean[key] = value;
      event[detailsMember(type)] = clean;
    }
    this.events.push(event);
    this.onAppend?.(event);
    return id;
  }

  get length(): number {
    return this.events.length;
  }

  get lastId(): number {
    return this.events.length;
  }

  all(): HistoryEvent[] {
    return this.events;
  }
}
