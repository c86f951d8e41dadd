import type { ResolvedReader } from '../../asl/interpreter/host';
import type { ResolvedItemReader } from '../item-reader/types';

/** The Map Run's view of an ItemReader (definition fields) to the reader's flat request. */
export function toItemReader(reader: ResolvedReader & { maxItems?: number }): ResolvedItemReader {
  const config = reader.readerConfig;
  return {
    resource: reader.resource as ResolvedItemReader['resource'],
    bucket: reader.bucket,
    ...(reader.key !== undefined ? { key: reader.key } : {}),
    ...(reader.prefix !== undefined ? { prefix: reader.prefix } : {}),
    ...(config.InputType && config.InputType !== 'PARQUET' ? { inputType: config.InputType } : {}),
    ...(config.CSVHeaderLocation ? { csvHeaderLocation: config.CSVHeaderLocation } : {}),
    ...(config.CSVHeaders ? { csvHeaders: config.CSVHeaders } : {}),
    ...(config.CSVDelimiter ? { csvDelimiter: config.CSVDelimiter } : {}),
    ...(reader.maxItems !== undefined ? { maxItems: reader.maxItems } : {}),
  };
}
