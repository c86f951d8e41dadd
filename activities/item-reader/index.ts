// ItemReader: streaming, paged readers for JSON, JSONL, CSV, S3 Inventory manifests and object listings.
export { scanItems, readPage } from './scan-items';
export { listedObjectItem } from './list-objects';
export { NON_ITERABLE_CAUSE } from './json-array';
export { DUPLICATE_HEADERS_CAUSE } from './csv-item';
export { javaHashMapOrder } from './java-hash-order';
export type {
  CsvDelimiterName,
  ItemInputType,
  ItemPage,
  ItemReaderResource,
  ResolvedItemReader,
  ScanLimits,
  ScanOptions,
  ScanResult,
} from './types';
