/**
 * A selective redrive (messages/redrive-plan.ts): which unsuccessful children of a partition it leaves as they are
 * because the selection does not pick them. Pure, so that the plan (client/redrive-plan.ts) counts exactly what the
 * Map Run then does.
 */
import type { MapRunRedriveState } from '../../messages/map-run';
import type { MapRunChildSelection } from '../../messages/redrive-plan';
import type { MapRunInput } from './config';
import type { PartitionPageRef } from '../../messages/map-run';

type PartitionLeft = MapRunRedriveState['partitions'][number];

/** Failed, timed out or aborted, and redrivable: what a selection may leave out. Never-started children always run. */
const selectable = (letter: string | undefined) => letter === 'F' || letter === 'T' || letter === 'A';

/** The first and last item index of each child of the page, in child order. */
export function childItemRanges(page: PartitionPageRef, left: PartitionLeft): Array<[number, number]> {
  const counts = left.childItemCounts ?? [...left.childStates].map(() => 1);
  let first = page.firstItem;
  return counts.map((count) => {
    const range: [number, number] = [first, first + Math.max(count, 1) - 1];
    first += count;
    return range;
  });
}

function pickedByItems(range: [number, number], items: NonNullable<MapRunChildSelection['items']>): boolean {
  return items.some((entry) => {
    const [from, to] = typeof entry === 'number' ? [entry, entry] : entry;
    return from <= range[1] && to >= range[0];
  });
}

/** Whether the selection picks child `k` of the page (every filter given must match). */
export function picks(
  selection: MapRunChildSelection,
  left: PartitionLeft,
  k: number,
  range: [number, number],
): boolean {
  if (selection.errors) {
    const error = left.childErrors?.[k];
    if (error === undefined || !selection.errors.includes(error)) return false;
  }
  return !selection.items || pickedByItems(range, selection.items);
}

/** The unsuccessful, redrivable children of the page the selection leaves as they are. */
export function heldChildren(page: PartitionPageRef, left: PartitionLeft, selection: MapRunChildSelection): number[] {
  const ranges = childItemRanges(page, left);
  const held: number[] = [];
  [...left.childStates].forEach((letter, k) => {
    if (selectable(letter) && !picks(selection, left, k, ranges[k]!)) held.push(k);
  });
  return held;
}

/** The input with each partition's held children set (messages/map-run.ts `held`), or itself when no selection. */
export function withSelection(input: MapRunInput): MapRunInput {
  const { redrive } = input;
  if (!redrive?.selection) return input;
  const partitions: MapRunRedriveState['partitions'] = { ...redrive.previous.partitions };
  for (const page of redrive.previous.pages) {
    const left = redrive.previous.partitions[page.index];
    if (!left) continue;
    const held = heldChildren(page, left, redrive.selection);
    partitions[page.index] = held.length > 0 ? { ...left, held } : left;
  }
  return { ...input, redrive: { ...redrive, previous: { ...redrive.previous, partitions } } };
}
