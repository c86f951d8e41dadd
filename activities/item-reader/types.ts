import type { Json } from '../../asl/json';

export type ItemReaderResource = 'arn:aws:states:::s3:getObject' | 'arn:aws:states:::s3:listObjectsV2';
export type ItemInputType = 'JSON' | 'JSONL' | 'CSV' | 'MANIFEST';
export type CsvDelimiterName = 'COMMA' | 'PIPE' | 'SEMICOLON' | 'SPACE' | 'TAB';

/** What the Map Run resolved from the definition's ItemReader (paths and JSONata already evaluated). */
export interface ResolvedItemReader {
  resource: ItemReaderResource;
  bucket: string;
  /** getObject: the item file, or the S3 inventory manifest.json for MANIFEST. */
  key?: string;
  /** listObjectsV2 only. */
  prefix?: string;
  /** getObject only; default JSON. */
  inputType?: ItemInputType;
  /** CSV only; default FIRST_ROW. */
  csvHeaderLocation?: 'FIRST_ROW' | 'GIVEN';
  csvHeaders?: string[];
  /** CSV only; default COMMA. */
  csvDelimiter?: CsvDelimiterName;
  /** 0 or undefined: all items. Negative fails the Map Run as AWS does. */
  maxItems?: number;
}

export interface ScanLimits {
  /** At least 1. */
  maxItemsPerPage: number;
  /** Of serialised item JSON (UTF-8). A single larger item still gets a page of its own. */
  maxBytesPerPage: number;
}

/**
 * A slice of the items, in item order, that `readPage` re-reads cheaply. `cursor` is opaque to callers: byte
 * offsets into the (decompressed) object for files, the key to resume after for listings.
 */
export interface ScanOptions {
  /** Called every `progressEvery` items (default 10,000): a long scan's activity heartbeats from here. */
  onProgress?: (itemsScanned: number) => void;
  progressEvery?: number;
  /**
   * Asked before each S3 call the scan makes (`s3:GetObject` on every object it reads, `s3:ListBucket` on a listed
   * bucket); it throws to refuse (the Map Run's role has no permission), and then nothing is read.
   */
  authorize?: (request: { action: string; resource: string }) => void;
}

export interface ItemPage {
  index: number;
  /** Index of the page's first item among all items (0-based). */
  firstItem: number;
  itemCount: number;
  /** Total serialised size of the page's items in bytes. */
  itemBytes: number;
  cursor: Json;
}

export interface ScanResult {
  pages: ItemPage[];
  totalItems: number;
}
