/**
 * What `tsf setup` would change in a namespace, decided from what the server reports and nothing else (so it is
 * unit-tested without a server): create the namespace, raise its retention, register the engine's search
 * attributes; and what it refuses to do (lower nothing, never guess past a type conflict or a visibility limit).
 */
import type { SearchAttributeType } from '@temporalio/common';
import {
  CLI_SEARCH_ATTRIBUTE_TYPE_NAMES,
  SQLITE_SEARCH_ATTRIBUTE_SLOTS,
  TSF_SEARCH_ATTRIBUTES,
} from '../messages/search-attributes';

export const DAY_MS = 24 * 3600 * 1000;
/** Step Functions' redrivable period: redrive reads closed histories, which the server deletes after retention. */
export const MIN_RETENTION_MS = 14 * DAY_MS;

/** temporal.api.enums.v1.IndexedValueType wire values. */
export const INDEXED_VALUE_TYPE: Readonly<Record<SearchAttributeType, number>> = {
  TEXT: 1,
  KEYWORD: 2,
  INT: 3,
  DOUBLE: 4,
  BOOL: 5,
  DATETIME: 6,
  KEYWORD_LIST: 7,
};
const TYPE_OF_VALUE = Object.fromEntries(Object.entries(INDEXED_VALUE_TYPE).map(([k, v]) => [v, k])) as Record<
  number,
  SearchAttributeType
>;

/**
 * Custom search attributes per namespace with SQL visibility (PostgreSQL, MySQL, SQLite: fixed columns). The
 * engine's own (TSF_SEARCH_ATTRIBUTES: 7 Keyword, 1 Int, 2 Datetime) fit, beside 3 Keyword of the user's.
 */
export const SQL_VISIBILITY_SLOTS: Readonly<Record<SearchAttributeType, number>> = SQLITE_SEARCH_ATTRIBUTE_SLOTS;

/** What the server says about the namespace. */
export interface NamespaceFacts {
  namespace: string;
  exists: boolean;
  /** NAMESPACE_STATE_REGISTERED etc. as a number (1 = registered). */
  state?: number;
  retentionMs?: number;
  /** Custom search attributes, name -> IndexedValueType. */
  customAttributes: Record<string, number>;
  /** GetClusterInfo's visibility store (e.g. `postgres12`, `sqlite`, `elasticsearch`), when the server says. */
  visibilityStore?: string;
}

export type SetupStep =
  | { action: 'createNamespace'; namespace: string; retentionDays: number }
  | { action: 'raiseRetention'; namespace: string; fromDays: number; toDays: number }
  | { action: 'addSearchAttributes'; namespace: string; searchAttributes: Record<string, string> };

export interface SetupPlan {
  steps: SetupStep[];
  /** Reasons it cannot go ahead; nothing is changed when there is one. */
  problems: string[];
}

export interface PlanOptions {
  /** The least retention the engine needs: the redrivable period (default 14 days). */
  retentionMs?: number;
  /** Raise a lower retention instead of reporting it. */
  setRetention?: boolean;
}

export const days = (ms: number) => Math.round((ms / DAY_MS) * 100) / 100;
export const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

function retentionSteps(facts: NamespaceFacts, requiredMs: number, options: PlanOptions, plan: SetupPlan): void {
  const { namespace } = facts;
  if (!facts.exists) {
    // The server refuses a retention under a day; the engine's need is usually 14.
    plan.steps.push({ action: 'createNamespace', namespace, retentionDays: days(Math.max(requiredMs, DAY_MS)) });
    return;
  }
  if (facts.state !== undefined && facts.state !== 1) {
    plan.problems.push(`Namespace '${namespace}' is not active (state ${facts.state}): it cannot be used`);
  }
  const current = facts.retentionMs ?? 0;
  if (current >= requiredMs) return;
  if (options.setRetention) {
    plan.steps.push({ action: 'raiseRetention', namespace, fromDays: days(current), toDays: days(requiredMs) });
  } else {
    plan.problems.push(
      `Namespace '${namespace}' keeps closed workflows for ${plural(days(current), 'day')}; the engine needs at least ` +
        `${plural(days(requiredMs), 'day')} (the redrivable period: redrive reads the histories of closed ` +
        'executions). Run `tsf setup --set-retention` to raise it (it is never lowered)',
    );
  }
}

function searchAttributeSteps(facts: NamespaceFacts, plan: SetupPlan): void {
  const { namespace } = facts;
  const missing: Record<string, string> = {};
  for (const { name, type } of TSF_SEARCH_ATTRIBUTES) {
    const found = facts.customAttributes[name];
    if (found === undefined) {
      missing[name] = CLI_SEARCH_ATTRIBUTE_TYPE_NAMES[type];
    } else if (found !== INDEXED_VALUE_TYPE[type]) {
      const foundName = TYPE_OF_VALUE[found] ? CLI_SEARCH_ATTRIBUTE_TYPE_NAMES[TYPE_OF_VALUE[found]] : `type ${found}`;
      plan.problems.push(
        `Search attribute ${name} exists in namespace '${namespace}' as ${foundName}; the engine needs ` +
          `${CLI_SEARCH_ATTRIBUTE_TYPE_NAMES[type]}: remove it (temporal operator search-attribute remove ` +
          `--namespace ${namespace} --name ${name}) and run \`tsf setup\` again`,
      );
    }
  }
  if (Object.keys(missing).length === 0) return;
  // Only a store known to be SQL has SQL's columns: Elasticsearch has its own limits, and a server that does not say
  // (Temporal Cloud) has its own; the server refuses past them, with its own words.
  if (isSqlVisibility(facts.visibilityStore)) checkSlots(facts, missing, plan);
  plan.steps.push({ action: 'addSearchAttributes', namespace, searchAttributes: missing });
}

/** GetClusterInfo's store names for SQL visibility: postgres12, postgres12_pgx, mysql8, sqlite. */
export function isSqlVisibility(store: string | undefined): boolean {
  return /postgres|mysql|sqlite/i.test(store ?? '');
}

/** SQL visibility has a fixed number of columns per type: what is there plus what is added must fit. */
function checkSlots(facts: NamespaceFacts, missing: Record<string, string>, plan: SetupPlan): void {
  for (const [type, slots] of Object.entries(SQL_VISIBILITY_SLOTS) as [SearchAttributeType, number][]) {
    const theirs = Object.values(facts.customAttributes).filter((v) => v === INDEXED_VALUE_TYPE[type]).length;
    const ours = Object.values(missing).filter((t) => t === CLI_SEARCH_ATTRIBUTE_TYPE_NAMES[type]).length;
    if (ours > 0 && theirs + ours > slots) {
      const store = facts.visibilityStore ? ` (${facts.visibilityStore})` : '';
      plan.problems.push(
        `Namespace '${facts.namespace}' would need ${theirs + ours} ${CLI_SEARCH_ATTRIBUTE_TYPE_NAMES[type]} search ` +
          `attributes (${theirs} registered + ${ours} of the engine's), but SQL visibility${store} allows at most ` +
          `${slots} per namespace: remove some of the namespace's own, or use another namespace`,
      );
    }
  }
}

/** The steps that make the namespace ready for the engine, and what stands in the way. */
export function planSetup(facts: NamespaceFacts, options: PlanOptions = {}): SetupPlan {
  const plan: SetupPlan = { steps: [], problems: [] };
  retentionSteps(facts, options.retentionMs ?? MIN_RETENTION_MS, options, plan);
  searchAttributeSteps(facts, plan);
  return plan;
}
