import type { JsonObject } from '../../asl/json';
import { itemReaderFailed } from './errors';
import { javaHashMapOrder } from './java-hash-order';

/** The recorded AWS cause. */
export const DUPLICATE_HEADERS_CAUSE = 'CSV headers cannot contain duplicates.';

/**
 * Turns CSV rows into items: keys are the headers, every value a string. A short row gets "" for the missing
 * columns; columns beyond the headers are dropped (both observed on AWS). Keys follow AWS's (Java HashMap) order.
 */
export class CsvItemBuilder {
  private readonly order: number[];

  constructor(readonly headers: readonly string[]) {
    if (new Set(headers).size !== headers.length) throw itemReaderFailed(DUPLICATE_HEADERS_CAUSE);
    this.order = javaHashMapOrder(headers);
  }

  build(row: readonly string[]): JsonObject {
    const item: JsonObject = {};
    for (const i of this.order) item[this.headers[i] as string] = row[i] ?? '';
    return item;
  }
}
