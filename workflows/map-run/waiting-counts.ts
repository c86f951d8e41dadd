/**
 * The counts of a page whose partition has not reported yet in this attempt, so that every DescribeMapRun accounts
 * for every item. In a first attempt the page is all pending. On a redrive it is what its last attempt left, as the
 * partition itself will count it once it starts (partition-progress.ts): successes stay succeeded, children that
 * may not be redriven stay as they ended (failuresNotRedrivable), and the rest wait for a slot as pending redrive
 * (sfn-spec §2.4), counted in `pending` too, as Step Functions counts them.
 */
import type { MapRunRedriveState, NotRedrivableItems } from '../../messages/map-run';
import type { ChildSpec } from './child-input';
import { LETTER_STATUS, notRedrivable } from './child-states';
import { emptyCounts, move, type MapRunCounts } from './counts';
import { expectedChildren, type PartitionPage } from './pages';

type PartitionLeft = MapRunRedriveState['partitions'][number];

export interface PageCounts {
  items: MapRunCounts;
  executions: MapRunCounts;
}

export function waitingCounts(
  page: PartitionPage,
  left: PartitionLeft | undefined,
  batcher: { maxItemsPerBatch?: number } | undefined,
): PageCounts {
  if (!left) return { items: emptyCounts(page.itemCount), executions: emptyCounts(expectedChildren(page, batcher)) };
  const held = new Set(left.held);
  const executions = countLetters(left.childStates, held);
  if (!batcher) return { items: { ...executions }, executions };
  return { items: batchItems(page, left, held), executions };
}

/**
 * One child per letter: succeeded, kept as it ended (may not be redriven, or held by a selective redrive: only the
 * former counts in failuresNotRedrivable), or pending redrive.
 */
function countLetters(childStates: string, held: ReadonlySet<number>): MapRunCounts {
  const counts = emptyCounts(childStates.length);
  [...childStates].forEach((letter, k) => {
    if (letter === 'S') move(counts, 'PENDING', 'SUCCEEDED', 1);
    else if (notRedrivable(letter) || held.has(k)) {
      move(counts, 'PENDING', LETTER_STATUS[letter.toUpperCase()]!, 1);
      if (!held.has(k)) counts.failuresNotRedrivable += 1;
    } else counts.pendingRedrive += 1;
  });
  return counts;
}

/**
 * Items of batch children: a letter stands for a whole batch, so the items come from the last attempt's counts. Its
 * successes stand, its items that may not be redriven are split by `notRedrivableItems` (reports from before it
 * counted them as failed), and the rest are pending redrive.
 */
function batchItems(page: PartitionPage, left: PartitionLeft, held: ReadonlySet<number>): MapRunCounts {
  const items = emptyCounts(page.itemCount);
  const succeeded = left.items?.succeeded ?? 0;
  const kept = left.notRedrivableItems ?? {
    failed: left.items?.failuresNotRedrivable ?? 0,
    timedOut: 0,
    aborted: 0,
  };
  move(items, 'PENDING', 'SUCCEEDED', succeeded);
  move(items, 'PENDING', 'FAILED', kept.failed);
  move(items, 'PENDING', 'TIMED_OUT', kept.timedOut);
  move(items, 'PENDING', 'ABORTED', kept.aborted);
  items.failuresNotRedrivable = kept.failed + kept.timedOut + kept.aborted;
  // Batches a selective redrive leaves as they ended (their item counts are kept with the selection's data).
  for (const k of held) {
    const status = LETTER_STATUS[left.childStates[k]!.toUpperCase()]!;
    move(items, 'PENDING', status, left.childItemCounts?.[k] ?? 0);
  }
  items.pendingRedrive = items.pending;
  return items;
}

/** The items of children a redrive may not re-run, by how they ended; undefined when there are none. */
export function notRedrivableItemsOf(childStates: string, specs: ChildSpec[]): NotRedrivableItems | undefined {
  const kept: NotRedrivableItems = { failed: 0, timedOut: 0, aborted: 0 };
  let any = false;
  specs.forEach((child, k) => {
    const letter = childStates[k];
    if (!notRedrivable(letter)) return;
    any = true;
    if (letter === 'f') kept.failed += child.itemCount;
    if (letter === 't') kept.timedOut += child.itemCount;
    if (letter === 'a') kept.aborted += child.itemCount;
  });
  return any ? kept : undefined;
}
