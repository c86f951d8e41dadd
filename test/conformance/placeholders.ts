/**
 * The corpus's snapshot placeholders (README normalisation 2) as wildcards. A `<token>` inside a string or a
 * whole-value word such as `snf_role_arn` matches any text, but the same placeholder must stand for the same text
 * everywhere in one case (`<uuid:1>` twice = the same UUID twice); Bindings records what each one matched.
 * Time words (`date`, `timestamp`, ...) replace values that differ anyway, so they bind nothing.
 */

export type Bindings = Map<string, string>;

const TIME_WORDS = new Set(['timestamp', 'date', 'datetime', 'start-date', 'stop-date']);
const OPAQUE_WORDS = new Set(['snf_role_arn', 'map_run_arn', 'lambda_function_name']);
// Dots too: the listObjectsV2 case names Etags after keys (`<Etag-file_0.txt>`).
const TOKEN = /<[A-Za-z][A-Za-z0-9_.:-]*>/g;

/** `date` or `<date>` (the listObjectsV2 case's own normalisation) and the other time words. */
export function isTimePlaceholder(expected: string): boolean {
  return TIME_WORDS.has(expected) || TIME_WORDS.has(expected.replace(/^<(.*)>$/, '$1'));
}

export function hasPlaceholder(expected: string): boolean {
  return TIME_WORDS.has(expected) || OPAQUE_WORDS.has(expected) || new RegExp(TOKEN.source).test(expected);
}

/**
 * Whether `actual` is what `expected` describes. Bindings are only extended when the whole string matches, so a
 * failed comparison leaves them as they were.
 */
export function matchString(expected: string, actual: string, bindings: Bindings): boolean {
  if (TIME_WORDS.has(expected)) return true;
  if (OPAQUE_WORDS.has(expected)) return bind(bindings, new Map([[expected, actual]]));
  const tokens = expected.match(TOKEN);
  if (!tokens) return expected === actual;

  // Bound tokens become their literal text; a token seen again in the same string becomes a backreference.
  const groups = new Map<string, string>();
  let pattern = '';
  let last = 0;
  for (const found of expected.matchAll(TOKEN)) {
    const token = found[0];
    pattern += escape(expected.slice(last, found.index));
    last = found.index + token.length;
    const bound = bindings.get(token);
    const group = groups.get(token);
    if (bound !== undefined) pattern += escape(bound);
    else if (group !== undefined) pattern += `\\k<${group}>`;
    else {
      const name = `g${groups.size}`;
      groups.set(token, name);
      pattern += `(?<${name}>.+?)`;
    }
  }
  pattern += escape(expected.slice(last));
  const match = new RegExp(`^${pattern}$`, 's').exec(actual);
  if (!match) return false;
  const captured = new Map<string, string>();
  for (const [token, name] of groups) captured.set(token, match.groups?.[name] ?? '');
  return bind(bindings, captured);
}

function bind(bindings: Bindings, values: Map<string, string>): boolean {
  for (const [token, value] of values) {
    const bound = bindings.get(token);
    if (bound !== undefined && bound !== value) return false;
  }
  for (const [token, value] of values) bindings.set(token, value);
  return true;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
