/**
 * Compares a recorded JSON value with the engine's, tolerating what the snapshot library did to the recording
 * (README normalisations 1 and 2): key order is ignored, strings holding a JSON object on the engine's side are
 * decoded (the recording stores them decoded), and placeholders match consistently within the case.
 */
import { isTimePlaceholder, matchString, type Bindings } from './placeholders';

/** The first difference as `path: explanation`, or undefined when the values match. */
export function compareJson(expected: unknown, actual: unknown, bindings: Bindings, path = '$'): string | undefined {
  if (typeof expected === 'string') {
    if (typeof actual === 'string') {
      if (matchString(expected, actual, bindings)) return undefined;
      // The same Lambda error JSON still serialised, as when a Catch output nests it (see report notes).
      const decoded = decodeObjectString(expected);
      if (isLambdaErrorPayload(decoded))
        return compareJson(decoded.errorMessage, actual, bindings, `${path}.errorMessage`);
      return `${path}: expected ${show(expected)}, got ${show(actual)}`;
    }
    if (isTimePlaceholder(expected) && (typeof actual === 'number' || actual instanceof Date)) return undefined;
    return `${path}: expected ${show(expected)}, got ${show(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${show(actual)}`;
    if (expected.length !== actual.length) {
      return `${path}: expected ${expected.length} items, got ${actual.length} (${show(actual)})`;
    }
    for (let i = 0; i < expected.length; i++) {
      const difference = compareJson(expected[i], actual[i], bindings, `${path}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (isObject(expected)) {
    const decoded = decodeObjectString(actual);
    if (isLambdaErrorPayload(expected) && typeof decoded === 'string') {
      // Python Lambda's error JSON vs the engine's cause = the thrown error's message (see report notes).
      return compareJson(expected.errorMessage, decoded, bindings, `${path}.errorMessage`);
    }
    if (!isObject(decoded)) return `${path}: expected an object, got ${show(actual)}`;
    const missing = Object.keys(expected).filter((key) => !(key in decoded));
    if (missing.length > 0) return `${path}: missing key(s) ${missing.join(', ')} in ${show(decoded)}`;
    const extra = Object.keys(decoded).filter((key) => !(key in expected));
    if (extra.length > 0) return `${path}: unexpected key(s) ${extra.join(', ')} in ${show(decoded)}`;
    for (const key of Object.keys(expected).sort()) {
      const difference = compareJson(expected[key], decoded[key], bindings, `${path}.${key}`);
      if (difference) return difference;
    }
    return undefined;
  }
  // numbers, booleans, null
  return expected === actual ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
}

/** A string holding a JSON object becomes the object (the recording stores such strings decoded). */
export function decodeObjectString(value: unknown): unknown {
  if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The error JSON a Python Lambda reports as the cause of its failure. */
export function isLambdaErrorPayload(value: unknown): value is { errorMessage: unknown } & Record<string, unknown> {
  return isObject(value) && typeof value.errorMessage === 'string';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

export function show(value: unknown, max = 160): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
