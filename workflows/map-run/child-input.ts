/**
 * Turns a partition's items into child inputs: ItemSelector per item (with `$$.Map.Item`), then ItemBatcher.
 */
import { nameBasedUuid } from '../../asl/map-run/names';
import { batchInput, batchItems } from '../../asl/map-run/batching';
import { isJsonObject, type Json } from '../../asl/json';
import { selectItem } from '../../asl/jsonata/item-selector';
import type { JsonataHost } from '../../asl/jsonata/functions';
import type { MapRunConfig } from './config';

export interface ChildSpec {
  name: string;
  input: Json;
  /** Items this child processes (1, or the batch size): failures and counts are in items. */
  itemCount: number;
  /** The input's serialized size, when batching measured it already. */
  inputBytes?: number;
}

export async function buildChildren(
  config: MapRunConfig,
  items: Json[],
  firstItem: number,
  partition: number,
  host: JsonataHost,
): Promise<ChildSpec[]> {
  const selected: Json[] = [];
  for (const [i, item] of items.entries()) {
    if (config.itemSelector === undefined) {
      selected.push(item);
      continue;
    }
    const base = isJsonObject(config.context) ? config.context : {};
    const context = { ...base, Map: { Item: { Index: firstItem + i, Value: item, Source: config.itemSource } } };
    const { itemSelector, selectorInput: input, variables } = config;
    const queryLanguage = config.queryLanguage ?? 'JSONPath';
    selected.push(
      await selectItem({ itemSelector, queryLanguage, input, context, host, ...(variables ? { variables } : {}) }),
    );
  }
  return childrenOf(config, selected, partition);
}

/**
 * The children of items that need no ItemSelector (or were selected already): batched by the ItemBatcher, or one
 * an item. Synchronous, so a partition with no ItemSelector can build its children without a promise.
 */
export function childrenOf(config: MapRunConfig, selected: Json[], partition: number): ChildSpec[] {
  const groups = config.batcher
    ? batchItems(selected, config.batcher).map((batch) => ({
        input: batchInput(batch.items, config.batcher?.batchInput),
        itemCount: batch.items.length,
        inputBytes: batch.bytes,
      }))
    : selected.map((input) => ({ input, itemCount: 1 }));
  return groups.map((group, k) => new PageChild(group, config.mapRunId, partition, k));
}

/**
 * A child's name is a SHA-1 of its place (names.ts), worked out the first time it is read: a redrive builds every
 * child of a partition but runs only its failures, and hashing all 10,000 names of a sparse redrive cost its Map Run
 * tens of milliseconds in one workflow task.
 */
class PageChild implements ChildSpec {
  readonly input: Json;
  readonly itemCount: number;
  readonly inputBytes?: number;
  private knownName: string | undefined;

  constructor(
    group: Omit<ChildSpec, 'name'>,
    private readonly mapRunId: string,
    private readonly partition: number,
    private readonly k: number,
  ) {
    this.input = group.input;
    this.itemCount = group.itemCount;
    if (group.inputBytes !== undefined) this.inputBytes = group.inputBytes;
  }

  get name(): string {
    return (this.knownName ??= childName({ mapRunId: this.mapRunId }, this.partition, this.k));
  }
}

/** Child k of a partition: its execution name, the same in every attempt of the Map Run. */
export function childName(config: Pick<MapRunConfig, 'mapRunId'>, partition: number, k: number): string {
  return nameBasedUuid(`${config.mapRunId}/${partition}/${k}`);
}
