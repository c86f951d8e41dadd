/**
 * Parser for intrinsic function invocations (`States.Format('{} x', $.a, States.Array(1, 'b'))`), following the
 * ASL grammar: string literals in single quotes with `\'`, `\{`, `\}`, `\\` escapes (any other backslash is an
 * error), numbers, true/false/null, paths (`$...` into the input, `$$...` into the context) and nested calls.
 */
import { StatesError, StatesErrors } from '../errors';
import type { Json } from '../json';

/** AWS allows at most 10 intrinsic functions nested within one field. */
export const MAX_NESTING = 10;

export type IntrinsicArg =
  /** `parts`: for a string literal, the text split at its unescaped `{}` placeholders (States.Format). */
  | { kind: 'literal'; value: Json; parts?: string[] }
  /** `path` always starts at `$`; `context` tells whether it was written `$$...` (the context object). */
  | { kind: 'path'; path: string; context: boolean; text: string }
  | { kind: 'call'; call: IntrinsicCall };

export interface IntrinsicCall {
  name: string;
  args: IntrinsicArg[];
}

const CALL_START = /^States\.[A-Za-z][A-Za-z0-9]*\(/;
const FUNCTION_NAME = /States\.[A-Za-z][A-Za-z0-9]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const KEYWORD = /(?:true|false|null)(?![A-Za-z0-9_])/y;

/** Whether a `.$` value is written as an intrinsic call (as opposed to a path); syntax is checked on parsing. */
export function isIntrinsicCall(expression: string): boolean {
  return CALL_START.test(expression);
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): IntrinsicCall {
    const call = this.call(1);
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text.slice(this.pos)}' after the call`);
    return call;
  }

  private fail(reason: string): never {
    throw new StatesError(
      StatesErrors.Runtime,
      `The intrinsic function call '${this.text}' is invalid at position ${this.pos}: ${reason}`,
    );
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  private sticky(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  private call(depth: number): IntrinsicCall {
    if (depth > MAX_NESTING) this.fail(`more than ${MAX_NESTING} nested intrinsic functions`);
    const name = this.sticky(FUNCTION_NAME);
    if (name === undefined) this.fail('expected a function name States.Xxx');
    this.skipSpace();
    if (this.text[this.pos] !== '(') this.fail(`expected '(' after ${name}`);
    this.pos++;
    const args: IntrinsicArg[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { name, args };
    }
    for (;;) {
      this.skipSpace();
      args.push(this.argument(depth));
      this.skipSpace();
      const ch = this.text[this.pos];
      this.pos++;
      if (ch === ')') return { name, args };
      if (ch !== ',') this.fail(ch === undefined ? `missing ')' to close ${name}` : `expected ',' or ')'`);
    }
  }

  private argument(depth: number): IntrinsicArg {
    const ch = this.text[this.pos];
    if (ch === "'") return this.string();
    if (ch === '$') return this.path();
    if (this.text.startsWith('States.', this.pos)) return { kind: 'call', call: this.call(depth + 1) };
    const keyword = this.sticky(KEYWORD);
    if (keyword !== undefined) return { kind: 'literal', value: JSON.parse(keyword) as Json };
    const number = this.sticky(NUMBER);
    if (number !== undefined) return { kind: 'literal', value: Number(number) };
    return this.fail(ch === undefined ? 'expected an argument' : `unexpected '${ch}'`);
  }

  private string(): IntrinsicArg {
    this.pos++; // opening quote
    let value = '';
    const parts: string[] = [];
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail('unterminated string literal');
      this.pos++;
      if (ch === "'") break;
      if (ch === '\\') {
        const escaped = this.text[this.pos];
        if (escaped !== "'" && escaped !== '{' && escaped !== '}' && escaped !== '\\') {
          this.pos--;
          this.fail('open escape backslash in string literal');
        }
        value += escaped;
        this.pos++;
      } else if (ch === '{' && this.text[this.pos] === '}') {
        parts.push(value);
        value = '';
        this.pos++;
      } else {
        value += ch;
      }
    }
    parts.push(value);
    return { kind: 'literal', value: parts.join('{}'), parts };
  }

  /** A path runs to the next top-level ',' or ')', skipping over brackets, parentheses and quoted names. */
  private path(): IntrinsicArg {
    const start = this.pos;
    let depth = 0;
    let quote: string | undefined;
    for (; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos] as string;
      if (quote !== undefined) {
        if (ch === '\\') this.pos++;
        else if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if ((ch === ']' || ch === ')') && depth > 0) depth--;
      else if (depth === 0 && (ch === ',' || ch === ')')) break;
    }
    const text = this.text.slice(start, this.pos).trim();
    const context = text.startsWith('$$');
    return { kind: 'path', path: context ? text.slice(1) : text, context, text };
  }
}

/** Parses one intrinsic invocation; malformed syntax is a States.Runtime error naming the position. */
export function parseIntrinsic(expression: string): IntrinsicCall {
  return new Parser(expression).parse();
}
