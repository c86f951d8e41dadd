/**
 * The JSON of the Step Functions protocol: timestamps travel as epoch seconds (numbers, with the milliseconds as a
 * fraction), where the SDK has Dates. Every other value goes out as the SDK returned it.
 */
export function toWireJson(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWireJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, member]) => (member === undefined ? [] : [[key, toWireJson(member)]])),
    );
  }
  return value;
}
