/**
 * CloudWatch Logs filter patterns, the part the local log store answers (docs/logging.md lists it):
 * - terms: `ERROR Task` matches a message holding every term; `"Task failed"` a quoted phrase; `-Debug` excludes a
 *   term; `?ERROR ?FATAL` matches either (a pattern of `?` terms matches any one of them). Terms are case-sensitive.
 * - JSON: `{ $.type = "TaskFailed" }`, `{ $.details.error != States.Timeout }`, `{ $.redrive_count > 0 }`, joined
 *   with `&&` and `||` and grouped with parentheses. Strings compare exactly, `*` a wildcard; numbers numerically
 *   (`= != < <= > >=`). A field a message lacks matches no comparison; a message that is not JSON matches none.
 * Pure, so unit tests run it on its own.
 */
export type MessageFilter = (message: string) => boolean;

export class FilterPatternError extends Error {
  override name = 'InvalidParameterException';
}

/** Compiles a filter pattern; an empty one matches every message. */
export function compileFilterPattern(pattern: string | undefined): MessageFilter {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text);
  return compileTerms(text);
}

function compileTerms(text: string): MessageFilter {
  const terms: { word: string; kind: 'all' | 'not' | 'any' }[] = [];
  const token = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (let match = token.exec(text); match; match = token.exec(text)) {
    const word = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
    terms.push({ word, kind: match[1] === '-' ? 'not' : match[1] === '?' ? 'any' : 'all' });
  }
  const any = terms.filter((t) => t.kind === 'any').map((t) => t.word);
  return (message) =>
    terms.every((t) =>
      t.kind === 'all' ? message.includes(t.word) : t.kind === 'not' ? !message.includes(t.word) : true,
    ) &&
    (any.length === 0 || any.some((word) => message.includes(word)));
}

// ---- JSON patterns: a small recursive-descent parser over tokens ----

type Token = { kind: 'op' | 'path' | 'string' | 'word' | 'punct'; text: string };
type Json = unknown;
type Test = (value: Json) => boolean;

const TOKEN =
  /\s*(?:(&&|\|\||!=|<=|>=|=|<|>)|(\$(?:\.[A-Za-z0-9_@-]+|\[\d+\])+)|"((?:[^"\\]|\\.)*)"|([(){}])|([^\s(){}=!<>&|"]+))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (text.slice(at).trim() === '') break;
      throw new FilterPatternError(`Invalid filter pattern at '${text.slice(at).trim()}'`);
    }
    if (m[1]) tokens.push({ kind: 'op', text: m[1] });
    else if (m[2]) tokens.push({ kind: 'path', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'string', text: m[3].replace(/\\(.)/g, '$1') });
    else if (m[4]) tokens.push({ kind: 'punct', text: m[4] });
    else if (m[5]) tokens.push({ kind: 'word', text: m[5] });
  }
  return tokens;
}

function compileJsonPattern(text: string): MessageFilter {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string): Token => {
    const t = tokens[i++];
    if (!t || (expected !== undefined && t.text !== expected)) {
      throw new FilterPatternError(`Invalid filter pattern '${text}': expected ${expected ?? 'more'}`);
    }
    return t;
  };
  const orExpr = (): Test => {
    let left = andExpr();
    while (peek()?.text === '||') {
      take();
      const [a, b] = [left, andExpr()];
      left = (v) => a(v) || b(v);
    }
    return left;
  };
  const andExpr = (): Test => {
    let left = primary();
    while (peek()?.text === '&&') {
      take();
      const [a, b] = [left, primary()];
      left = (v) => a(v) && b(v);
    }
    return left;
  };
  const primary = (): Test => {
    if (peek()?.text === '(') {
      take('(');
      const inner = orExpr();
      take(')');
      return inner;
    }
    const path = take();
    if (path.kind !== 'path') throw new FilterPatternError(`Invalid filter pattern '${text}': expected a $. selector`);
    const op = take();
    if (op.kind !== 'op' || op.text === '&&' || op.text === '||') {
      throw new FilterPatternError(`Invalid filter pattern '${text}': expected = != < <= > >= after ${path.text}`);
    }
    const value = take();
    if (value.kind !== 'string' && value.kind !== 'word') {
      throw new FilterPatternError(`Invalid filter pattern '${text}': expected a value after ${op.text}`);
    }
    const select = selector(path.text);
    const compare = comparison(op.text, value);
    return (v) => {
      const found = select(v);
      return found !== undefined && compare(found);
    };
  };
  take('{');
  const test = orExpr();
  take('}');
  if (i !== tokens.length) throw new FilterPatternError(`Invalid filter pattern '${text}': text after '}'`);
  return (message) => {
    let parsed: Json;
    try {
      parsed = JSON.parse(message);
    } catch {
      return false;
    }
    return test(parsed);
  };
}

function selector(path: string): (value: Json) => Json | undefined {
  const steps = [...path.matchAll(/\.([^.[]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
  return (value) => {
    let current: Json = value;
    for (const step of steps) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string | number, Json>)[step];
      if (current === undefined) return undefined;
    }
    return current;
  };
}

function wildcard(pattern: string): RegExp {
  const body = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${body.join('.*')}$`, 's');
}

function comparison(op: string, value: Token): Test {
  const numeric = value.kind === 'word' && value.text.trim() !== '' && Number.isFinite(Number(value.text));
  if (numeric) {
    const n = Number(value.text);
    const ops: Record<string, (a: number) => boolean> = {
      '=': (a) => a === n,
      '!=': (a) => a !== n,
      '<': (a) => a < n,
      '<=': (a) => a <= n,
      '>': (a) => a > n,
      '>=': (a) => a >= n,
    };
    // Step Functions' log records carry numbers as strings (`"redrive_count":"0"`): those compare as numbers too.
    return (found) => {
      const a = typeof found === 'number' ? found : typeof found === 'string' && found !== '' ? Number(found) : NaN;
      return !Number.isNaN(a) && ops[op]!(a);
    };
  }
  if (op !== '=' && op !== '!=') {
    throw new FilterPatternError(`Invalid filter pattern: ${op} compares numbers, not '${value.text}'`);
  }
  const matcher = wildcard(value.text);
  const text = (found: Json) =>
    typeof found === 'string' || typeof found === 'number' || typeof found === 'boolean' ? String(found) : undefined;
  return op === '='
    ? (found) => text(found) !== undefined && matcher.test(text(found)!)
    : (found) => text(found) !== undefined && !matcher.test(text(found)!);
}
