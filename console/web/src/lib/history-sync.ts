/**
 * Keeps an execution's event list current without reading it all again: the first read pages forward; later
 * reads page backwards from the newest event until they meet the last event already held (events are only ever
 * appended, redrives included).
 */
import type { HistoryEvent, HistoryPage } from '../types';

export type HistoryPager = (params: {
  nextToken?: string;
  maxResults: number;
  reverseOrder: boolean;
}) => Promise<HistoryPage>;

/** Returns `known` itself when nothing is new, so callers can tell by identity. */
export async function syncHistory(
  fetchPage: HistoryPager,
  known: readonly HistoryEvent[],
): Promise<readonly HistoryEvent[]> {
  if (known.length === 0) {
    const all: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await fetchPage({ nextToken, maxResults: 1000, reverseOrder: false });
      all.push(...page.events);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return all;
  }
  const lastId = known[known.length - 1]!.id;
  const newer: HistoryEvent[] = [];
  let nextToken: string | undefined;
  for (;;) {
    const page = await fetchPage({ nextToken, maxResults: 100, reverseOrder: true });
    const fresh = page.events.filter((event) => event.id > lastId);
    newer.push(...fresh);
    if (fresh.length < page.events.length || page.nextToken === undefined) break;
    nextToken = page.nextToken;
  }
  return newer.length === 0 ? known : [...known, ...newer.reverse()];
}
