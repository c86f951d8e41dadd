import { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import { msNumberToTs, tsToMs } from '@temporalio/common/lib/time';
import { consoleLog, DEFAULT_NAMESPACE, MIN_RETENTION_HOURS, type Log } from './defaults';
import { TSF_SEARCH_ATTRIBUTES } from '../../messages/search-attributes';

/** temporal.api.enums.v1.IndexedValueType wire values (the proto package is not a direct dependency). */
const INDEXED_VALUE_TYPE: Readonly<Record<SearchAttributeType, number>> = {
  TEXT: 1,
  KEYWORD: 2,
  INT: 3,
  DOUBLE: 4,
  BOOL: 5,
  DATETIME: 6,
  KEYWORD_LIST: 7,
};

const MIN_RETENTION_MS = MIN_RETENTION_HOURS * 3600 * 1000;

export interface PreparedNamespace {
  retentionHours: number;
  addedSearchAttributes: string[];
}

/** Raises retention to at least 14 days: redrive reads closed child histories, which retention deletes. */
async function ensureRetention(connection: Connection, namespace: string, log: Log): Promise<number> {
  const described = await connection.workflowService.describeNamespace({ namespace });
  const currentMs = tsToMs(described.config?.workflowExecutionRetentionTtl);
  if (currentMs >= MIN_RETENTION_MS) return currentMs / 3_600_000;
  // UpdateNamespace only changes the config fields that are set, so nothing else is touched.
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: msNumberToTs(MIN_RETENTION_MS) },
  });
  log(`Raised the retention of namespace ${namespace} from ${currentMs / 3_600_000} h to ${MIN_RETENTION_HOURS} h`);
  return MIN_RETENTION_HOURS;
}

/**
 * Adds the engine's search attributes that are missing. `--search-attribute` at start-dev only applies when the
 * namespace is created, so a reused database file or an external server may lack some.
 */
async function ensureSearchAttributes(connection: Connection, namespace: string, log: Log): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const existing = customAttributes ?? {};
  const missing: Record<string, number> = {};
  for (const { name, type } of TSF_SEARCH_ATTRIBUTES) {
    const found = existing[name];
    if (found === undefined) {
      missing[name] = INDEXED_VALUE_TYPE[type];
    } else if (Number(found) !== INDEXED_VALUE_TYPE[type]) {
      throw new Error(
        `Search attribute ${name} exists in namespace ${namespace} with the wrong type (IndexedValueType ${found}, ` +
          `expected ${type}). Remove it (temporal operator search-attribute remove --name ${name}) or use a fresh data dir.`,
      );
    }
  }
  const names = Object.keys(missing);
  if (names.length === 0) return [];
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  log(`Added search attributes to namespace ${namespace}: ${names.join(', ')}`);
  return names;
}

/** Makes a namespace ready for the engine: retention >= 14 days and every TSF_SEARCH_ATTRIBUTES entry registered. */
export async function prepareNamespaceOn(
  connection: Connection,
  namespace: string = DEFAULT_NAMESPACE,
  log: Log = consoleLog,
): Promise<PreparedNamespace> {
  const retentionHours = await ensureRetention(connection, namespace, log);
  const addedSearchAttributes = await ensureSearchAttributes(connection, namespace, log);
  return { retentionHours, addedSearchAttributes };
}

/** Same as prepareNamespaceOn, opening (and closing) its own connection to `address`. */
export async function prepareNamespace(
  address: string,
  namespace: string = DEFAULT_NAMESPACE,
  log: Log = consoleLog,
): Promise<PreparedNamespace> {
  const connection = await Connection.connect({ address, connectTimeout: '10s' });
  try {
    return await prepareNamespaceOn(connection, namespace, log);
  } finally {
    await connection.close();
  }
}
