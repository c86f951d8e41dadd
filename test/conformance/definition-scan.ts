/**
 * Structural queries over an ASL definition, used to decide which engine features a case needs and how its
 * events may interleave. Plain JSON walking: the corpus definitions are data, not validated machines.
 */

type Visit = (key: string, value: unknown, parent: Record<string, unknown>) => void;
type Test = (key: string, value: unknown, parent: Record<string, unknown>) => boolean;

export function walk(value: unknown, visit: Visit): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(object)) {
      visit(key, child, object);
      walk(child, visit);
    }
  }
}

export function someEntry(value: unknown, test: Test): boolean {
  let found = false;
  walk(value, (key, child, parent) => {
    if (!found && test(key, child, parent)) found = true;
  });
  return found;
}

/** Any `ProcessorConfig.Mode: DISTRIBUTED`, however deeply nested. */
export function usesDistributedMap(definition: unknown): boolean {
  return someEntry(
    definition,
    (key, value) => key === 'ProcessorConfig' && isObject(value) && value.Mode === 'DISTRIBUTED',
  );
}

/** `QueryLanguage: JSONata` at the top level or on any state. */
export function usesJsonata(definition: unknown): boolean {
  return someEntry(definition, (key, value) => key === 'QueryLanguage' && value === 'JSONata');
}

/**
 * An `Assign` field, or a `$name` variable reference where a path is read: values of `*.$` and `*Path` fields
 * and Choice's `Variable` (a bare `$name` elsewhere is a literal string, as AWS treats it).
 */
export function usesVariables(definition: unknown): boolean {
  return someEntry(definition, (key, value) => {
    if (key === 'Assign') return true;
    if (typeof value !== 'string') return false;
    const pathField = key.endsWith('.$') || key.endsWith('Path') || key === 'Variable';
    return pathField && /(^|[\s,(])\$[A-Za-z_]/.test(value);
  });
}

/**
 * True when some Map may run iterations side by side (MaxConcurrency absent, 0 or above 1, or set from a
 * path), so the recorded global event order is only one of the possible orders.
 */
export function hasConcurrentMap(definition: unknown): boolean {
  return someEntry(definition, (_key, value) => {
    if (!isObject(value) || value.Type !== 'Map') return false;
    if (value.MaxConcurrencyPath !== undefined) return true;
    const limit = value.MaxConcurrency;
    return typeof limit !== 'number' || limit === 0 || limit > 1;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
