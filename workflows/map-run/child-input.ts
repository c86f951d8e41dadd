/**
 * Turns a partition's items into child inputs: ItemSelector per item (with `$$.Map.Item`), then ItemBatcher.
 */
import { nameBasedUuid } from '../../asl/map-run/names';
import { batchInput, batchItems } from '../../asl/map-run/batching';
import { isJsonObject, type Json } from '../../asl/json';
import { resolvePayloadTemplate } from '../../asl/paths/payload-template';
import type { Entropy } from '../../asl/context';
import type { MapRunConfig } from './config';

export interface ChildSpec {
  name: string;
  input: Json;
  /** Items this child processes (1, or the batch size): failures and counts are in items. */
  itemCount: number;
}

export function buildChildren(
  config: MapRunConfig,
  items: Json[],
  firstItem: number,
  partition: number,
  entropy: Entropy,
): ChildSpec[] {
  const selected = items.map((item, i) => {
    if (config.itemSelector === undefined) return item;
    const base = isJsonObject(config.context) ? config.context : {};
    const context = { ...base, Map: { Item: { Index: firstItem + i, Value: item, Source: config.itemSource } } };
    return resolvePayloadTemplate(config.itemSelector, config.selectorInput, context, entropy);
  });
  const groups = config.batcher
    ? batchItems(selected, config.batcher).map((batch) => ({
        input: batchInput(batch.items, config.batcher?.batchInput),
        itemCount: batch.items.length,
      }))
    : selected.map((input) => ({ input, itemCount: 1 }));
  return groups.map((group, k) => ({ ...group, name: nameBasedUuid(`${config.mapRunId}/${partition}/${k}`) }));
}
