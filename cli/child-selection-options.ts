/**
 * `--only-errors E1,E2` and `--only-items 3,17,40-60`: which Map Run children a redrive or a repair runs again
 * (messages/redrive-plan.ts), written as a user types them. A bad list names the option and the entry.
 */
import { Option } from 'commander';
import type { MapRunChildSelection } from '../messages/redrive-plan';

export const onlyErrorsOption = () =>
  new Option('--only-errors <names>', 'run again only the children whose last error is one of these (comma-separated)');
export const onlyItemsOption = () =>
  new Option(
    '--only-items <indexes>',
    'run again only the children holding these items: 0-based indexes and ranges, e.g. 3,17,40-60',
  );

function parseItems(text: string): Array<number | [number, number]> {
  return text.split(',').map((entry, i) => {
    const trimmed = entry.trim();
    const range = /^(\d+)-(\d+)$/.exec(trimmed);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from > to)
        throw new Error(`--only-items: entry ${i + 1} ('${trimmed}') is a range whose start is past its end`);
      return [from, to];
    }
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    throw new Error(`--only-items: entry ${i + 1} ('${trimmed}') is neither an item index nor a range like 40-60`);
  });
}

function parseErrors(text: string): string[] {
  const names = text.split(',').map((name) => name.trim());
  const empty = names.findIndex((name) => name === '');
  if (empty >= 0) throw new Error(`--only-errors: entry ${empty + 1} is empty`);
  return names;
}

/** The selection the options give, or undefined when neither is given. */
export function selectionOf(o: { onlyErrors?: string; onlyItems?: string }): MapRunChildSelection | undefined {
  if (o.onlyErrors === undefined && o.onlyItems === undefined) return undefined;
  return {
    ...(o.onlyErrors !== undefined ? { errors: parseErrors(o.onlyErrors) } : {}),
    ...(o.onlyItems !== undefined ? { items: parseItems(o.onlyItems) } : {}),
  };
}
