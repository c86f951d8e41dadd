/**
 * `tsf setup`: prepares a namespace of any Temporal cluster for the engine, through the workflow and operator
 * services (no `temporal` binary): creates it when missing (retention = the redrivable period), raises a lower
 * retention when asked (never lowers one), registers the engine's search attributes. Idempotent: a second run finds
 * nothing to do. `tsf server`, `npm run cluster` and prepareNamespace() run the same code.
 */
import type { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import { msNumberToTs, tsToMs } from '@temporalio/common/lib/time';
import { connectTemporal } from './connect';
import { translateServiceError } from './connection-errors';
import { localSettings, type ConnectionSettings } from './connection-settings';
import {
  days,
  INDEXED_VALUE_TYPE,
  MIN_RETENTION_MS,
  planSetup,
  plural,
  type NamespaceFacts,
  type PlanOptions,
  type SetupStep,
} from './setup-plan';
import { isRefusal, listRefusal, setupRefusal } from './setup-not-permitted';
import { TSF_SEARCH_ATTRIBUTES } from '../messages/search-attributes';

export interface SetupOptions extends PlanOptions {
  namespace: string;
  /** Print the plan, change nothing. */
  dryRun?: boolean;
  /** Progress lines (what is being changed, what is waited for). */
  log?: (message: string) => void;
  /** How long a new namespace and new search attributes may take to become visible (default 60 s). */
  visibleTimeoutMs?: number;
}

export interface SetupReport {
  namespace: string;
  dryRun: boolean;
  plan: SetupStep[];
  problems: string[];
  changed: boolean;
  /** The namespace's retention once done (or now, for a dry run or a failed plan); null when it does not exist. */
  retentionDays: number | null;
  /** The engine's search attributes registered once done (or now). */
  searchAttributes: string[];
  message: string;
}

/** A plan that cannot go ahead (retention too short, a search attribute of the wrong type, no slot left). */
export class NamespaceNotReady extends Error {
  constructor(readonly report: SetupReport) {
    super(report.problems.join('; '));
    this.name = 'NamespaceNotReady';
  }
}

const isNotFound = (error: unknown) => /not.?found/i.test(String((error as Error)?.message ?? error));

async function inspect(connection: Connection, namespace: string): Promise<NamespaceFacts> {
  const visibilityStore = await connection.workflowService
    .getClusterInfo({})
    .then((info) => info.visibilityStore || undefined)
    .catch(() => undefined);
  let described;
  try {
    described = await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    if (isNotFound(error)) return { namespace, exists: false, customAttributes: {}, visibilityStore };
    throw error;
  }
  const { customAttributes } = await connection.operatorService
    .listSearchAttributes({ namespace })
    .catch((error: unknown) => {
      throw listRefusal(namespace, error);
    });
  return {
    namespace,
    exists: true,
    state: described.namespaceInfo?.state ?? undefined,
    retentionMs: tsToMs(described.config?.workflowExecutionRetentionTtl),
    customAttributes: Object.fromEntries(Object.entries(customAttributes ?? {}).map(([k, v]) => [k, Number(v)])),
    visibilityStore,
  };
}

/** A value of each type for a visibility query that names the attribute (whatever it matches). */
const PROBE_VALUE: Record<SearchAttributeType, string> = {
  TEXT: "''",
  KEYWORD: "''",
  KEYWORD_LIST: "''",
  INT: '0',
  DOUBLE: '0',
  BOOL: 'false',
  DATETIME: "'1970-01-01T00:00:00Z'",
};

/** Retries `attempt` until it stops throwing (a namespace just registered is not visible everywhere at once). */
async function until<T>(what: string, timeoutMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    try {
      return await attempt();
    } catch (error) {
      if (isRefusal(error)) throw error; // no wait makes a refusal an answer
      if (Date.now() > deadline) {
        throw new Error(`${what} after ${timeoutMs / 1000} s: ${(error as Error).message}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function apply(connection: Connection, step: SetupStep, options: SetupOptions): Promise<void> {
  const { namespace } = step;
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.visibleTimeoutMs ?? 60_000;
  const service = connection.workflowService;
  if (step.action === 'createNamespace') {
    const retention = msNumberToTs(step.retentionDays * 24 * 3600 * 1000);
    await service
      .registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: retention,
        description: 'temporal-step-functions',
      })
      .catch((error: unknown) => {
        if (!/already exists/i.test((error as Error).message)) throw error; // another setup got there first
      });
    log(`Created namespace ${namespace} (retention ${plural(step.retentionDays, 'day')}); waiting until it is visible`);
    await until(`Namespace ${namespace} not visible`, timeoutMs, () => service.describeNamespace({ namespace }));
    // Matching learns of namespaces on its own schedule (the registry refresh, ~10 s on a real cluster).
    await until(`Namespace ${namespace} not usable`, timeoutMs, () =>
      service.describeTaskQueue({ namespace, taskQueue: { name: 'tsf-setup' }, taskQueueType: 1 }),
    );
  } else if (step.action === 'raiseRetention') {
    // UpdateNamespace changes only the config fields that are set.
    const ttl = msNumberToTs(step.toDays * 24 * 3600 * 1000);
    await service.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: ttl } });
    log(`Raised the retention of namespace ${namespace} from ${step.fromDays} to ${plural(step.toDays, 'day')}`);
  } else {
    const typeOf = Object.fromEntries(TSF_SEARCH_ATTRIBUTES.map(({ name, type }) => [name, type]));
    const byType = Object.fromEntries(TSF_SEARCH_ATTRIBUTES.map(({ name, type }) => [name, INDEXED_VALUE_TYPE[type]]));
    const wanted = Object.keys(step.searchAttributes);
    const searchAttributes = Object.fromEntries(wanted.map((name) => [name, byType[name]!]));
    await until(`Cannot add search attributes to ${namespace}`, timeoutMs, () =>
      connection.operatorService.addSearchAttributes({ namespace, searchAttributes }).catch((error: unknown) => {
        if (/already exists/i.test((error as Error).message)) return; // a retry after a lost answer
        throw error;
      }),
    );
    log(`Added search attributes to namespace ${namespace}: ${wanted.join(', ')}`);
    await until(`Search attributes of ${namespace} not visible`, timeoutMs, async () => {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      const absent = wanted.filter((name) => customAttributes?.[name] === undefined);
      if (absent.length > 0) throw new Error(`not listed yet: ${absent.join(', ')}`);
    });
    // Listed is not yet usable: a visibility query accepts them only once the frontend's namespace cache has them
    // (a moment later on a real cluster); until then the engine's first list would report them missing.
    const probe = wanted.map((name) => `${name} = ${PROBE_VALUE[typeOf[name]!]}`).join(' OR ');
    await until(`Search attributes of ${namespace} not usable in queries`, timeoutMs, () =>
      service.listWorkflowExecutions({ namespace, pageSize: 1, query: probe }),
    );
  }
}

function summary(namespace: string, steps: SetupStep[], dryRun: boolean): string {
  if (steps.length === 0) return `Namespace ${namespace} is ready for the engine: nothing to change`;
  const parts = steps.map((step) =>
    step.action === 'createNamespace'
      ? `${dryRun ? 'create' : 'created'} namespace ${namespace} with a retention of ${plural(step.retentionDays, 'day')}`
      : step.action === 'raiseRetention'
        ? `${dryRun ? 'raise' : 'raised'} the retention of namespace ${namespace} from ${step.fromDays} to ${plural(step.toDays, 'day')}`
        : `${dryRun ? 'register' : 'registered'} ${plural(Object.keys(step.searchAttributes).length, 'search attribute')}`,
  );
  const text = parts.join(', ');
  return dryRun ? `Dry run, nothing changed. Would ${text}` : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Prepares `options.namespace` over an open connection (see the file comment). Throws NamespaceNotReady. */
export async function setupNamespace(connection: Connection, options: SetupOptions): Promise<SetupReport> {
  const { namespace } = options;
  const requiredMs = options.retentionMs ?? MIN_RETENTION_MS;
  const facts = await inspect(connection, namespace);
  const plan = planSetup(facts, { ...options, retentionMs: requiredMs });
  const engineNames = TSF_SEARCH_ATTRIBUTES.map(({ name }) => name);
  const registered = engineNames.filter((name) => facts.customAttributes[name] !== undefined);
  const report: SetupReport = {
    namespace,
    dryRun: Boolean(options.dryRun),
    plan: plan.steps,
    problems: plan.problems,
    changed: false,
    retentionDays: facts.exists ? days(facts.retentionMs ?? 0) : null,
    searchAttributes: registered,
    message:
      plan.problems.length > 0 ? plan.problems.join('; ') : summary(namespace, plan.steps, Boolean(options.dryRun)),
  };
  if (plan.problems.length > 0 && !options.dryRun) throw new NamespaceNotReady(report);
  if (options.dryRun || plan.steps.length === 0) return report;
  for (const step of plan.steps) {
    await apply(connection, step, options).catch((error: unknown) => {
      throw setupRefusal(step, error);
    });
  }
  const created = plan.steps.find((s) => s.action === 'createNamespace' || s.action === 'raiseRetention');
  return {
    ...report,
    changed: true,
    retentionDays: created
      ? created.action === 'createNamespace'
        ? created.retentionDays
        : created.toDays
      : report.retentionDays,
    searchAttributes: engineNames,
  };
}

/** setupNamespace on a connection of its own, opened with the settings (TLS, API key) and closed after. */
export async function runSetup(
  settings: ConnectionSettings,
  options: Partial<SetupOptions> = {},
): Promise<SetupReport> {
  const connection = await connectTemporal(settings);
  try {
    return await setupNamespace(connection, { ...options, namespace: options.namespace ?? settings.namespace });
  } catch (error) {
    throw translateServiceError(error, settings);
  } finally {
    await connection.close();
  }
}

export interface PreparedNamespace {
  retentionHours: number;
  addedSearchAttributes: string[];
}

/**
 * The engine's namespace on a server of your own, as `tsf server` prepares the dev server's: created if missing,
 * retention raised to 14 days, search attributes registered. (`tsf setup` reports a short retention instead.)
 */
export async function prepareNamespaceOn(
  connection: Connection,
  namespace = 'default',
  log: (message: string) => void = (m) => console.error(m),
): Promise<PreparedNamespace> {
  const report = await setupNamespace(connection, { namespace, setRetention: true, log });
  const added = report.plan.flatMap((s) => (s.action === 'addSearchAttributes' ? Object.keys(s.searchAttributes) : []));
  return { retentionHours: (report.retentionDays ?? 0) * 24, addedSearchAttributes: added };
}

/** prepareNamespaceOn with a connection of its own: to a plaintext address, or with resolved settings. */
export async function prepareNamespace(
  target: string | ConnectionSettings,
  namespace?: string,
  log?: (message: string) => void,
): Promise<PreparedNamespace> {
  const settings = typeof target === 'string' ? localSettings(target, namespace) : target;
  const connection = await connectTemporal(settings);
  try {
    return await prepareNamespaceOn(connection, namespace ?? settings.namespace, log);
  } finally {
    await connection.close();
  }
}
