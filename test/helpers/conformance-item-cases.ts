/**
 * Item-reader fixtures from the conformance corpus (outside the repository; `TSF_CONFORMANCE_DIR` or
 * ../shared/conformance/cases): each getObject case's S3 objects, the reader it resolves to, and what AWS returned.
 * Cases whose reader depends on the Map Run (variables, JSONata, non-integer MaxItemsPath) are left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Json } from '../../asl/json';
import type { ResolvedItemReader } from '../../activities/item-reader';

export interface ItemReaderCase {
  name: string;
  objects: { bucket: string; key: string; body: string }[];
  reader: ResolvedItemReader;
  expected: { items: Json } | { error: string; cause: string };
}

export function conformanceDir(): string {
  return path.resolve(process.env.TSF_CONFORMANCE_DIR ?? path.join(__dirname, '../../../shared/conformance/cases'));
}

type Raw = Record<string, any>;

/** `"$.Name"` into the input; anything richer is the Map Run's business. */
function fromInput(input: Raw, pathExpr: unknown): unknown {
  const match = typeof pathExpr === 'string' ? /^\$\.(\w+)$/.exec(pathExpr) : null;
  return match ? input[match[1] as string] : undefined;
}

/** The execution's output is the items themselves only if nothing between reader and output reshapes them. */
function outputIsItems(map: Raw): boolean {
  const reshaping = [
    'ItemBatcher',
    'ItemSelector',
    'Parameters',
    'ResultSelector',
    'ResultPath',
    'OutputPath',
    'Output',
  ];
  if (reshaping.some((field) => map[field] !== undefined)) return false;
  const states = Object.values((map.ItemProcessor?.States ?? {}) as Record<string, Raw>);
  return states.every((s) => s.Type === 'Pass' && s.Result === undefined && s.Parameters === undefined);
}

function toCase(name: string, raw: Raw): ItemReaderCase | undefined {
  const map = Object.values(raw.definition.States as Record<string, Raw>).find((s) => s.ItemReader);
  const itemReader = map?.ItemReader as Raw | undefined;
  if (!map || !itemReader || itemReader.Resource !== 'arn:aws:states:::s3:getObject' || !itemReader.Parameters) {
    return undefined;
  }
  const input = (raw.input ?? {}) as Raw;
  const config = (itemReader.ReaderConfig ?? {}) as Raw;
  const maxItems = config.MaxItemsPath !== undefined ? fromInput(input, config.MaxItemsPath) : config.MaxItems;
  if (config.MaxItemsPath !== undefined && maxItems === undefined) return undefined;
  if (maxItems !== undefined && !Number.isInteger(maxItems)) return undefined;
  if (raw.expected.status === 'SUCCEEDED' && !outputIsItems(map)) return undefined;
  const reader: ResolvedItemReader = {
    resource: 'arn:aws:states:::s3:getObject',
    bucket: String(fromInput(input, itemReader.Parameters['Bucket.$'])),
    key: String(fromInput(input, itemReader.Parameters['Key.$'])),
    ...(config.InputType ? { inputType: config.InputType } : {}),
    ...(config.CSVHeaderLocation ? { csvHeaderLocation: config.CSVHeaderLocation } : {}),
    ...(config.CSVHeaders ? { csvHeaders: config.CSVHeaders } : {}),
    ...(maxItems !== undefined ? { maxItems: maxItems as number } : {}),
  };
  const expected = raw.expected as Raw;
  if (expected.status === 'SUCCEEDED')
    return { name, objects: raw.s3Objects, reader, expected: { items: expected.output } };
  if (expected.error === 'States.ItemReaderFailed') {
    return { name, objects: raw.s3Objects, reader, expected: { error: expected.error, cause: expected.cause } };
  }
  return undefined;
}

/** Empty when the corpus is not there (it is not part of the repository). */
export function loadItemReaderCases(): ItemReaderCase[] {
  const dir = conformanceDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const raw = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Raw;
      if (!(raw.tags as string[]).includes('item-reader')) return [];
      const c = toCase(path.basename(file, '.json'), raw);
      return c ? [c] : [];
    });
}
