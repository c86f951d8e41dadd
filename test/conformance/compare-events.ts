/**
 * Event-type sequences. Strictly in order by default; for Maps whose iterations run side by side the recorded
 * global order is one possible interleaving (README normalisation 4), so each iteration's own subsequence is
 * compared instead, with the events around the Map still compared in order.
 */
/** What both the recording and GetExecutionHistory give per event. */
export interface EventLike {
  id: number;
  previousEventId: number;
  type: string;
  [detailsMember: string]: unknown;
}

export function compareEventTypes(expected: string[], actual: string[]): string | undefined {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    if (expected[i] !== actual[i]) {
      const context = (list: string[]) => list.slice(Math.max(0, i - 2), i + 3).join(', ') || 'nothing';
      return (
        `eventTypes[${i}]: expected ${expected[i] ?? 'end of history'}, got ${actual[i] ?? 'end of history'} ` +
        `(expected ... ${context(expected)} ...; got ... ${context(actual)} ...)`
      );
    }
  }
  return undefined;
}

/** A Map run's events with the interleaving taken out. */
interface MapWindow {
  map: string;
  /** One type sequence per iteration, compared as a multiset: which iteration fails first is a race too. */
  iterations: string[][];
  /** `*StateAborted` events: AWS links them to the failing event, not to their own iteration. */
  aborted: string[];
  /** Events that belong to no iteration. */
  other: string[];
}

interface Decomposed {
  /** Events outside Map runs, in order; each run appears as a `<iterations of Name>` marker. */
  outside: string[];
  windows: MapWindow[];
}

export function compareConcurrentEvents(expected: EventLike[], actual: EventLike[]): string | undefined {
  const want = decompose(expected);
  const got = decompose(actual);
  const outside = compareEventTypes(want.outside, got.outside);
  if (outside) return `outside the Map iterations: ${outside}`;
  for (let w = 0; w < want.windows.length; w++) {
    const a = want.windows[w];
    const b = got.windows[w];
    if (!a || !b) continue;
    const where = `Map '${a.map}' run ${w + 1}`;
    const difference =
      compareMultisets(`${where} iterations`, a.iterations.map(key), b.iterations.map(key)) ??
      compareMultisets(`${where} aborted states`, a.aborted, b.aborted) ??
      compareMultisets(`${where} other events`, a.other, b.other);
    if (difference) return difference;
  }
  return undefined;
}

function key(sequence: string[]): string {
  return sequence.join(' > ');
}

function compareMultisets(what: string, expected: string[], actual: string[]): string | undefined {
  const missing = without(expected, actual);
  const extra = without(actual, expected);
  if (missing.length === 0 && extra.length === 0) return undefined;
  const parts = [
    ...(missing.length > 0 ? [`missing ${counted(missing)}`] : []),
    ...(extra.length > 0 ? [`unexpected ${counted(extra)}`] : []),
  ];
  return `${what}: ${parts.join('; ')}`;
}

/** `[A > B] x3, [C]`: a multiset, shortest to read. */
function counted(items: string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, n]) => `[${item}]${n > 1 ? ` x${n}` : ''}`).join(', ');
}

/** Multiset difference a - b. */
function without(a: string[], b: string[]): string[] {
  const rest = [...b];
  return a.filter((item) => {
    const at = rest.indexOf(item);
    if (at < 0) return true;
    rest.splice(at, 1);
    return false;
  });
}

const ITERATION_END = new Set(['MapIterationSucceeded', 'MapIterationFailed', 'MapIterationAborted']);
const MAP_END = new Set(['MapStateSucceeded', 'MapStateFailed', 'MapStateAborted']);

export function decompose(events: EventLike[]): Decomposed {
  const outside: string[] = [];
  const windows: MapWindow[] = [];
  let mapName = '';
  let i = 0;
  while (i < events.length) {
    const event = events[i] as EventLike;
    outside.push(event.type);
    i++;
    if (event.type === 'MapStateEntered') mapName = String(details(event).name ?? '');
    if (event.type !== 'MapStateStarted') continue;
    const window = collectWindow(events, i, mapName);
    windows.push(window.window);
    outside.push(`<iterations of ${mapName}>`);
    i = window.end;
  }
  return { outside, windows };
}

/**
 * From just after MapStateStarted to the end of the Map's iterations: the Map's own MapState{Succeeded,Failed,
 * Aborted} once every started iteration has ended (a nested Map's end comes while its iteration is still open),
 * or any other event then that belongs to no iteration. An event belongs to the iteration of the event its
 * previousEventId points at.
 */
function collectWindow(events: EventLike[], start: number, map: string): { window: MapWindow; end: number } {
  const byIteration = new Map<number, string[]>();
  const iterationOf = new Map<number, number>();
  const window: MapWindow = { map, iterations: [], aborted: [], other: [] };
  let started = 0;
  let ended = 0;
  let i = start;
  for (; i < events.length; i++) {
    const event = events[i] as EventLike;
    const allEnded = started === ended;
    if (allEnded && MAP_END.has(event.type)) break;
    const d = details(event);
    const own = event.type.startsWith('MapIteration') && d.name === map && typeof d.index === 'number';
    if (!own && event.type.endsWith('StateAborted')) {
      window.aborted.push(event.type);
      continue;
    }
    const iteration = own ? (d.index as number) : iterationOf.get(event.previousEventId);
    if (iteration === undefined) {
      if (allEnded && started > 0) break;
      window.other.push(event.type);
      continue;
    }
    if (own && event.type === 'MapIterationStarted') started++;
    if (own && ITERATION_END.has(event.type)) ended++;
    iterationOf.set(event.id, iteration);
    const sequence = byIteration.get(iteration) ?? [];
    sequence.push(event.type);
    byIteration.set(iteration, sequence);
  }
  window.iterations = [...byIteration.values()];
  return { window, end: i };
}

/** The event's `*EventDetails` member (there is at most one). */
function details(event: EventLike): Record<string, unknown> {
  for (const [member, value] of Object.entries(event)) {
    if (member.endsWith('EventDetails') && value !== null && typeof value === 'object') {
      return value as Record<string, unknown>;
    }
  }
  return {};
}
