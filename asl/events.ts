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

export class EventLog {
  private readonly events: HistoryEvent[];

  constructor(
    private readonly now: () => number,
    existing: HistoryEvent[] = [],
  ) {
    this.events = existing;
  }

  /** Appends an event and returns its id, which the caller passes on as the next `previousEventId`. */
  add(type: string, previousEventId: number, details?: Record<string, Json | undefined>): number {
    const id = this.events.length + 1;
    const event: HistoryEvent = { id, previousEventId, type, timestamp: this.now() };
    if (details !== undefined) {
      const clean: Record<string, Json> = {};
      for (const [key, value] of Object.entries(details)) if (value !== undefined) clean[key] = value;
      event[detailsMember(type)] = clean;
    }
    this.events.push(event);
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
