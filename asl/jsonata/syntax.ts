/**
 * Create-time check of a JSONata state's expressions: every `{% ... %}` string in the state must parse, so a typo
 * fails CreateStateMachine at its JSON path instead of failing an execution later. Nested scopes (Parallel
 * branches, Map item processors) are left to the walk of their own states.
 */
import jsonata from 'jsonata';
import { isJsonObject, type JsonObject } from '../json';
import type { Faults } from '../validate-faults';
import { pointer } from '../validate-faults';
import { expressionText, isJsonataExpression } from './evaluate';

const NESTED_SCOPES = new Set(['Branches', 'ItemProcessor', 'Iterator']);

function syntaxProblem(source: string): string | undefined {
  try {
    jsonata(expressionText(source));
    return undefined;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return `${code ?? 'S0500'}: ${message ?? String(error)}`;
  }
}

function walk(value: unknown, at: string, faults: Faults): void {
  if (isJsonataExpression(value)) {
    const problem = syntaxProblem(value);
    if (problem) faults.schema(at, `The JSONata expression '${expressionText(value)}' is not valid: ${problem}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, pointer(at, i), faults));
  } else if (isJsonObject(value)) {
    for (const [key, member] of Object.entries(value)) walk(member, pointer(at, key), faults);
  }
}

export function checkJsonataSyntax(state: JsonObject, at: string, faults: Faults): void {
  for (const [key, member] of Object.entries(state)) {
    if (!NESTED_SCOPES.has(key)) walk(member, pointer(at, key), faults);
  }
}
